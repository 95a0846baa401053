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

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Inserts a row and returns its rowid. */
  insert(table: string, row: Row): number {
    return Number(this.statement(table, row, 'INSERT').run(row).lastInsertRowid);
  }

  /** Inserts a row unless it breaks a unique constraint. */
  insertOrIgnore(table: string, row: Row): void {
    this.statement(table, row, 'INSERT OR IGNORE').run(row);
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
