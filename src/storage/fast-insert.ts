import type SQLite from 'better-sqlite3';

type Row = Record<string, string | number | null>;

/**
 * The ingest hot path's inserts as prepared better-sqlite3 statements, one row at a time. Building
 * each insert with Kysely's query builder cost more than SQLite's own work for these small rows;
 * the statements run on the same connection, so they take part in the caller's Kysely transaction.
 */
export class FastInserter {
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

  private statement(table: string, row: Row, verb: string): SQLite.Statement {
    const columns = Object.keys(row);
    const key = `${verb}|${table}|${columns.join(',')}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      if (![table, ...columns].every((name) => /^[a-z_][a-z0-9_]*$/.test(name))) throw new Error(`bad identifier in insert into ${table}`);
      stmt = this.sqlite.prepare(`${verb} INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
