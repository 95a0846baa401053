import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import { DEFAULT_DB_PATH, readConfig } from '../core/config.js';
import { retryOnBusy } from './busy-retry.js';
import type { Database } from './database.js';
import { PreparedStatements } from './prepared-statements.js';
import { migrateToLatest } from './migrate.js';
import { AppError } from '../core/errors.js';

export type DB = Kysely<Database>;

/** How long one statement may wait (blocking) for a lock another process holds, in ms. */
const BUSY_TIMEOUT_MS = 5000;
/** How long one BEGIN IMMEDIATE attempt blocks before waiting asynchronously and trying again, in ms. */
const BEGIN_BLOCKING_MS = 50;

export interface OpenOptions {
  /** how long a transaction waits for the write lock another process holds before DatabaseBusyError (default: CLAIMTRAIL_BUSY_WAIT_MS) */
  busyWaitMs?: number;
}

/** Opens (creating if needed) the SQLite file, with WAL and foreign keys on, and migrates it. */
export async function openDatabase(path: string = DEFAULT_DB_PATH, options: OpenOptions = {}): Promise<DB> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { timeout: BUSY_TIMEOUT_MS });
  const db = connect(sqlite, options.busyWaitMs);
  await migrateToLatest(db);
  prepareds.set(db, new PreparedStatements(sqlite));
  return db;
}

/** The whole database as bytes (SQLite's serialize): a snapshot to open copies of with openDatabaseImage(). */
export function serializeDatabase(db: DB): Buffer {
  const sqlite = connections.get(db);
  if (!sqlite) throw new Error('database was not opened with openDatabase()');
  return sqlite.serialize();
}

/** A private in-memory copy of a serialized, already migrated database (tests copy one snapshot per test). */
export async function openDatabaseImage(image: Buffer): Promise<DB> {
  const sqlite = new SQLite(image, { timeout: BUSY_TIMEOUT_MS });
  const db = connect(sqlite);
  // Kysely starts its driver on the first query, and destroy() closes only a started one
  await db.executeQuery(CompiledQuery.raw('SELECT 1'));
  prepareds.set(db, new PreparedStatements(sqlite));
  return db;
}

function connect(sqlite: SQLite.Database, busyWaitMs?: number): DB {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // checkpoint the WAL every ~40 MB instead of every 4 MB: halves commit cost during bulk ingest
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect(sqlite, { database: withStatementCache(sqlite) }, busyWaitMs ?? readConfig('busyWaitMs')),
  });
  connections.set(db, sqlite);
  return db;
}

const prepareds = new WeakMap<DB, PreparedStatements>();
const connections = new WeakMap<DB, SQLite.Database>();

/** Prepared-statement inserts on the same connection as `db` (the ingest hot path). */
export function preparedStatementsOf(db: DB): PreparedStatements {
  const prepared = prepareds.get(db);
  if (!prepared) throw new AppError('internal', 'database was not opened with openDatabase()');
  return prepared;
}

/** A fresh, migrated in-memory database (tests, benchmarks, the extract command). */
export function openMemoryDatabase(): Promise<DB> {
  return openDatabase(':memory:');
}

/** The path to use: --db flag, then CLAIMTRAIL_DB, then the default. */
export function resolveDbPath(flag?: string): string {
  return flag ?? readConfig('dbPath');
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small insert. Reuse prepared
 * statements by SQL text, except one still busy iterating (a streamed export), which gets a fresh one.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sqlText: string) => {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      const stmt = sqlite.prepare(sqlText);
      if (!cached && cache.size < 2000) cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

/**
 * Kysely's SQLite driver begins transactions with a plain BEGIN: the first write then has to upgrade a read
 * lock, which SQLite refuses at once with SQLITE_BUSY when another process writes (busy_timeout does not
 * apply). This one begins every transaction IMMEDIATE (takes the write lock first), waiting for it in short
 * blocking attempts with asynchronous back-off between them. Between attempts it hands the connection back
 * (Kysely shares one connection behind a mutex), so the web app's reads go on while a write waits for the lock.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private readonly shortWait: SQLite.Statement;
  private readonly longWait: SQLite.Statement;

  constructor(
    sqlite: SQLite.Database,
    config: SqliteDialectConfig,
    private readonly busyWaitMs: number,
  ) {
    super(config);
    this.shortWait = sqlite.prepare(`PRAGMA busy_timeout = ${BEGIN_BLOCKING_MS}`);
    this.longWait = sqlite.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const pause = async (ms: number) => {
      await this.releaseConnection();
      try {
        await new Promise((resolve) => setTimeout(resolve, ms));
      } finally {
        await this.acquireConnection();
      }
    };
    await retryOnBusy(
      async () => {
        this.shortWait.get();
        try {
          await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
        } finally {
          this.longWait.get();
        }
      },
      { pause, budgetMs: this.busyWaitMs },
    );
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly driverConfig: SqliteDialectConfig,
    private readonly busyWaitMs: number,
  ) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqlite, this.driverConfig, this.busyWaitMs);
  }
}
