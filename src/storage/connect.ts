import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import { DEFAULT_DB_PATH, readConfig } from '../core/config.js';
import { retryOnBusy } from './busy-retry.js';
import type { Database } from './database.js';
import { type HotPath, type InsertTiming, PostgresHotPath, SqliteHotPath, type TableTimings } from './prepared-statements.js';
import { migrateToLatest } from './migrate.js';
import { AppError } from '../core/errors.js';
import { describeTarget, engineOf, isPostgresUrl } from './engine.js';

export type DB = Kysely<Database>;

/** How long one statement may wait (blocking) for a lock another process holds, in ms. */
const BUSY_TIMEOUT_MS = 5000;
/** How long one BEGIN IMMEDIATE attempt blocks before waiting asynchronously and trying again, in ms. */
const BEGIN_BLOCKING_MS = 50;

export interface OpenOptions {
  /** how long a transaction waits for the write lock another process holds before DatabaseBusyError (default: CLAIMTRAIL_BUSY_WAIT_MS) */
  busyWaitMs?: number;
  /** PostgreSQL: at most this many connections in this process's pool (default: CLAIMTRAIL_DB_POOL_MAX) */
  maxConnections?: number;
}

/**
 * Opens the database and migrates it to the latest schema: a `postgres://` URL opens PostgreSQL (Kysely's
 * PostgresDialect over a pg pool), anything else is a SQLite file (created if needed, WAL and foreign keys on).
 */
export async function openDatabase(target: string = DEFAULT_DB_PATH, options: OpenOptions = {}): Promise<DB> {
  if (isPostgresUrl(target)) return openPostgres(target, options);
  if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
  const sqlite = new SQLite(target, { timeout: BUSY_TIMEOUT_MS });
  const db = connect(sqlite, options.busyWaitMs);
  await migrateToLatest(db);
  hotPaths.set(db, new SqliteHotPath(sqlite, timingOf(db)));
  return db;
}

/** PostgreSQL's 64-bit integers (count(*), sums) and numerics as JavaScript numbers, as SQLite gives them. */
const NUMERIC_OIDS = new Set([20, 1700]);

async function openPostgres(url: string, options: OpenOptions): Promise<DB> {
  // loaded on demand: SQLite users (and every CLI start) never pay for the PostgreSQL driver
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? readConfig('dbPoolMax'),
    // every transaction serializable, as SQLite's are, also one begun without inTransaction
    options: '-c default_transaction_isolation=serializable',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        NUMERIC_OIDS.has(oid) ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // an idle connection the server dropped is replaced by the pool; without a listener it would crash the process
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.executeQuery(CompiledQuery.raw('SELECT 1'));
  } catch (e) {
    await db.destroy();
    const reason = e instanceof Error ? e.message : String(e);
    throw new AppError('internal', `cannot connect to the PostgreSQL database ${describeTarget(url)}: ${reason}`, { cause: e });
  }
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
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
  hotPaths.set(db, new SqliteHotPath(sqlite, timingOf(db)));
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

const hotPaths = new WeakMap<DB, SqliteHotPath>();
const insertTimings = new WeakMap<DB, InsertTiming>();

function timingOf(db: DB): InsertTiming {
  let timing = insertTimings.get(db);
  if (!timing) {
    timing = { timings: null };
    insertTimings.set(db, timing);
  }
  return timing;
}

/** Starts (or restarts) timing the ingest's inserts into each table of `db` (the benchmark's breakdown). */
export function startInsertTiming(db: DB): void {
  timingOf(db).timings = new Map();
}

/** The time spent inserting into each table of `db` since startInsertTiming, and stops timing. */
export function stopInsertTiming(db: DB): TableTimings {
  const timing = timingOf(db);
  const t = timing.timings ?? new Map();
  timing.timings = null;
  return t;
}
const connections = new WeakMap<DB, SQLite.Database>();

/**
 * The ingest hot path for a transaction `trx` on `db`: SQLite's prepared statements (on the one shared connection,
 * so they take part in `trx`), or statements run on `trx` itself on PostgreSQL.
 */
export function hotPathFor(db: DB, trx: Kysely<Database>): HotPath {
  if (engineOf(db) === 'postgres') return new PostgresHotPath(trx, timingOf(db));
  const hot = hotPaths.get(db);
  if (!hot) throw new AppError('internal', 'database was not opened with openDatabase()');
  return hot;
}

/** A fresh, migrated in-memory database (tests, benchmarks, the extract command). */
export function openMemoryDatabase(): Promise<DB> {
  return openDatabase(':memory:');
}

/** The database to use (a SQLite path or a postgres:// URL): --db flag, then CLAIMTRAIL_DB, then the default. */
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
