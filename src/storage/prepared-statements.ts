import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Engine } from './engine.js';

type Value = string | number | null;
type Row = Record<string, Value>;
export type TableTimings = Map<string, { ms: number; rows: number }>;

/** Where a database's hot paths add the time spent inserting into each table, while the benchmark times them. */
export interface InsertTiming {
  timings: TableTimings | null;
}

/**
 * The ingest hot path: inserts and fixed queries written as SQL text, run without Kysely's query builder (building
 * each small query cost more than SQLite's own work). On SQLite they are prepared better-sqlite3 statements on the
 * same connection as the caller's Kysely transaction; on PostgreSQL they run on the transaction itself. SQL text uses
 * `?` placeholders on both. Everything off the hot path goes through Kysely.
 */
export interface HotPath {
  readonly engine: Engine;
  /** Inserts rows of the same columns and returns their ids, in order (few round trips on PostgreSQL). */
  insertReturningIds(table: string, rows: Row[]): Promise<number[]>;
  /** Inserts rows of the same columns (one statement per chunk where the engine allows). */
  insertMany(table: string, rows: Row[]): Promise<void>;
  /** Inserts rows of the same columns, skipping each that breaks a unique constraint. */
  insertManyOrIgnore(table: string, rows: Row[]): Promise<void>;
  /** Inserts a row unless one with the same `column` exists (a concurrent writer's, too); its id, or undefined. */
  insertUnlessExists(table: string, row: Row, column: string): Promise<number | undefined>;
  /** The first row of a fixed query (SQL written in code, never from input), or undefined. */
  get<T>(sqlText: string, ...params: Value[]): Promise<T | undefined>;
  /** All rows of a fixed query. */
  all<T>(sqlText: string, ...params: Value[]): Promise<T[]>;
  /** Runs a statement that returns nothing (SAVEPOINT, RELEASE, …). */
  run(sqlText: string, ...params: Value[]): Promise<void>;
  /** Waits for the one-writer-at-a-time lock of bulk writes (SQLite's BEGIN IMMEDIATE already holds it). */
  lockWriters(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkIdentifiers(table: string, columns: string[]): void {
  if (![table, ...columns].every((name) => IDENTIFIER.test(name))) throw new AppError('internal', `bad identifier in insert into ${table}`);
}

const columnList = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

/** Per-table insert timing shared by both engines (a clock read per insert, only while timing is on). */
abstract class TimedInserts {
  constructor(private readonly timing: InsertTiming) {}

  protected async timed<T>(table: string, rows: number, work: () => T | Promise<T>): Promise<T> {
    const timings = this.timing.timings;
    if (!timings) return work();
    const t0 = performance.now();
    const out = await work();
    const t = timings.get(table) ?? { ms: 0, rows: 0 };
    t.ms += performance.now() - t0;
    t.rows += rows;
    timings.set(table, t);
    return out;
  }
}

/** The hot path on SQLite: prepared statements, cached by SQL text, run synchronously on the shared connection. */
export class SqliteHotPath extends TimedInserts implements HotPath {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    private readonly sqlite: SQLite.Database,
    timing: InsertTiming,
  ) {
    super(timing);
  }

  async insertReturningIds(table: string, rows: Row[]): Promise<number[]> {
    if (!rows.length) return [];
    const stmt = this.insertStatement(table, rows[0], 'INSERT');
    return this.timed(table, rows.length, () => rows.map((row) => Number(stmt.run(row).lastInsertRowid)));
  }

  insertMany(table: string, rows: Row[]): Promise<void> {
    return this.runEach(table, rows, 'INSERT');
  }

  insertManyOrIgnore(table: string, rows: Row[]): Promise<void> {
    return this.runEach(table, rows, 'INSERT OR IGNORE');
  }

  private async runEach(table: string, rows: Row[], verb: string): Promise<void> {
    if (!rows.length) return;
    const stmt = this.insertStatement(table, rows[0], verb);
    await this.timed(table, rows.length, () => {
      for (const row of rows) stmt.run(row);
    });
  }

  insertUnlessExists(table: string, row: Row, column: string): Promise<number | undefined> {
    checkIdentifiers(table, [column]);
    const stmt = this.insertStatement(table, row, 'INSERT', ` ON CONFLICT ("${column}") DO NOTHING`);
    return this.timed(table, 1, () => {
      const r = stmt.run(row);
      return r.changes ? Number(r.lastInsertRowid) : undefined;
    });
  }

  async get<T>(sqlText: string, ...params: Value[]): Promise<T | undefined> {
    return this.prepared(sqlText).get(...params) as T | undefined;
  }

  async all<T>(sqlText: string, ...params: Value[]): Promise<T[]> {
    return this.prepared(sqlText).all(...params) as T[];
  }

  async run(sqlText: string, ...params: Value[]): Promise<void> {
    this.prepared(sqlText).run(...params);
  }

  async lockWriters(): Promise<void> {}

  private prepared(sqlText: string): SQLite.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }

  private insertStatement(table: string, row: Row, verb: string, tail = ''): SQLite.Statement {
    const columns = Object.keys(row);
    const key = `${verb}|${table}|${columns.join(',')}|${tail}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      checkIdentifiers(table, columns);
      stmt = this.sqlite.prepare(`${verb} INTO "${table}" (${columnList(columns)}) VALUES (${columns.map((c) => `@${c}`).join(', ')})${tail}`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}

/** PostgreSQL caps a statement at 65,535 parameters; multi-row inserts stay well under it. */
const PG_MAX_PARAMS = 30_000;

/** Any number that fits a signed 64-bit key: the lock every bulk writer takes on PostgreSQL ("claimtrail ingest"). */
const PG_WRITERS_LOCK = 7_201_731;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the fixed SQL of the hot path never has `?` inside a literal). */
export function toPostgresPlaceholders(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}

/**
 * The hot path on PostgreSQL: the same statements as text, run on the caller's transaction (one round trip each;
 * mentions go many rows per statement).
 */
export class PostgresHotPath extends TimedInserts implements HotPath {
  readonly engine = 'postgres' as const;
  private static readonly translated = new Map<string, string>();

  constructor(
    private readonly executor: Kysely<any>,
    timing: InsertTiming,
  ) {
    super(timing);
  }

  async insertReturningIds(table: string, rows: Row[]): Promise<number[]> {
    if (!rows.length) return [];
    checkIdentifiers(table, []);
    return this.timed(table, rows.length, async () => {
      // the ids are taken from the table's sequence first, so each row's id is known without relying on RETURNING's order
      const ids = (
        await this.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::integer AS id FROM generate_series(1, $1)`, [rows.length])
      ).map((r) => Number(r.id));
      await this.insertRows(
        table,
        rows.map((row, i) => ({ id: ids[i], ...row })),
        '',
      );
      return ids;
    });
  }

  async insertMany(table: string, rows: Row[]): Promise<void> {
    await this.timed(table, rows.length, () => this.insertRows(table, rows, ''));
  }

  async insertManyOrIgnore(table: string, rows: Row[]): Promise<void> {
    await this.timed(table, rows.length, () => this.insertRows(table, rows, ' ON CONFLICT DO NOTHING'));
  }

  /** Multi-row INSERTs, as many rows per statement as the parameter limit allows. */
  private async insertRows(table: string, rows: Row[], tail: string): Promise<void> {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]);
    checkIdentifiers(table, columns);
    const perStatement = Math.max(1, Math.floor(PG_MAX_PARAMS / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      await this.query(
        `INSERT INTO "${table}" (${columnList(columns)}) VALUES ${values}${tail}`,
        chunk.flatMap((row) => columns.map((c) => row[c])),
      );
    }
  }

  insertUnlessExists(table: string, row: Row, column: string): Promise<number | undefined> {
    const columns = Object.keys(row);
    checkIdentifiers(table, [...columns, column]);
    const text = `INSERT INTO "${table}" (${columnList(columns)}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT ("${column}") DO NOTHING RETURNING id`;
    return this.timed(table, 1, async () => {
      const rows = await this.query<{ id: number }>(text, Object.values(row));
      return rows.length ? Number(rows[0].id) : undefined;
    });
  }

  async get<T>(sqlText: string, ...params: Value[]): Promise<T | undefined> {
    return (await this.query<T>(this.translate(sqlText), params))[0];
  }

  all<T>(sqlText: string, ...params: Value[]): Promise<T[]> {
    return this.query<T>(this.translate(sqlText), params);
  }

  async run(sqlText: string, ...params: Value[]): Promise<void> {
    await this.query(this.translate(sqlText), params);
  }

  async lockWriters(): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(${PG_WRITERS_LOCK})`, []);
  }

  private translate(sqlText: string): string {
    let text = PostgresHotPath.translated.get(sqlText);
    if (text === undefined) {
      text = toPostgresPlaceholders(sqlText);
      PostgresHotPath.translated.set(sqlText, text);
    }
    return text;
  }

  private async query<T>(text: string, params: readonly unknown[]): Promise<T[]> {
    return (await this.executor.executeQuery<T>(CompiledQuery.raw(text, [...params]))).rows;
  }
}
