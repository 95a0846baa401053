import type SQLite from 'better-sqlite3';
import { AppError } from '../core/errors.js';

type Row = Record<string, string | number | null>;

/**
 * The ingest hot path as prepared better-sqlite3 statements. Building each small query with Kysely's
 * query builder cost more than SQLite's own work; these run on the same connection, so they take part
 * in the caller's Kysely transaction. Everything off the hot path goes through Kysely.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, SQLite.Statement>();
  /** ms spent in the inserts into each table (with their indexes and triggers), while timing is on */
  private timings: Map<string, { ms: number; rows: number }> | null = null;

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Inserts a row and returns its rowid. */
  insert(table: string, row: Row): number {
    const stmt = this.statement(table, row, 'INSERT');
    if (!this.timings) return Number(stmt.run(row).lastInsertRowid);
    const t0 = performance.now();
    const id = Number(stmt.run(row).lastInsertRowid);
    this.timed(table, t0);
    return id;
  }

  /** Inserts a row unless it breaks a unique constraint. */
  insertOrIgnore(table: string, row: Row): void {
    const stmt = this.statement(table, row, 'INSERT OR IGNORE');
    if (!this.timings) return void stmt.run(row);
    const t0 = performance.now();
    stmt.run(row);
    this.timed(table, t0);
  }

  /** Starts (or restarts) timing the inserts per table (the benchmark's breakdown); costs a clock read per row. */
  startTiming(): void {
    this.timings = new Map();
  }

  /** The time spent inserting into each table since startTiming, and stops timing. */
  stopTiming(): Map<string, { ms: number; rows: number }> {
    const t = this.timings ?? new Map<string, { ms: number; rows: number }>();
    this.timings = null;
    return t;
  }

  private timed(table: string, t0: number): void {
    const t = this.timings!.get(table) ?? { ms: 0, rows: 0 };
    t.ms += performance.now() - t0;
    t.rows++;
    this.timings!.set(table, t);
  }

  /** The first row of a fixed query (SQL written in code, never from input), or undefined. */
  get<T>(sqlText: string, ...params: (string | number | null)[]): T | undefined {
    return this.prepared(sqlText).get(...params) as T | undefined;
  }

  /** All rows of a fixed query. */
  all<T>(sqlText: string, ...params: (string | number | null)[]): T[] {
    return this.prepared(sqlText).all(...params) as T[];
  }

  /** Runs a statement that returns nothing (SAVEPOINT, RELEASE, …). */
  run(sqlText: string, ...params: (string | number | null)[]): void {
    this.prepared(sqlText).run(...params);
  }

  private prepared(sqlText: string): SQLite.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }

  private statement(table: string, row: Row, verb: string): SQLite.Statement {
    const columns = Object.keys(row);
    const key = `${verb}|${table}|${columns.join(',')}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      if (![table, ...columns].every((name) => /^[a-z_][a-z0-9_]*$/.test(name))) throw new AppError('internal', `bad identifier in insert into ${table}`);
      stmt = this.sqlite.prepare(`${verb} INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
