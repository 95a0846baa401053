import { createHash, type Hash } from 'node:crypto';
import { AppError } from '../core/errors.js';

// Pure parts of `claimtrail db copy`: which tables are copied and in what order, and the canonical form rows are
// checksummed in. The SQL that reads catalogues and rows lives in db-copy.ts.

/** A table as a database's catalogue describes it. */
export interface TableShape {
  name: string;
  /** every column, in the catalogue's order */
  columns: string[];
  /** each column's declared type, as the engine names it (parallel to columns) */
  types: string[];
  /** the primary key's columns, in key order (empty: none) */
  primaryKey: string[];
  /** primary-key columns holding text (PostgreSQL orders them with COLLATE "C", so both engines walk bytes) */
  textKeyColumns: string[];
  /** foreign keys: this table's column → the table it references */
  references: { column: string; table: string }[];
}

/**
 * Tables a copy leaves alone, and why: each engine keeps its own (Kysely's migration bookkeeping, SQLite's
 * internals, the search index, state of a running bulk ingest). The target's search index is rebuilt instead.
 */
export function skipReason(table: string): string | undefined {
  if (table === 'kysely_migration' || table === 'kysely_migration_lock') return 'migration bookkeeping (both sides are migrated)';
  if (table.startsWith('sqlite_')) return "SQLite's own";
  if (table === 'claim_fts' || table.startsWith('claim_fts_')) return 'search index (rebuilt on the target)';
  if (table === 'bulk_dropped_index') return 'indexes a running bulk ingest dropped (engine state)';
  return undefined;
}

/** The tables to copy, parents before children (foreign-key order, ties by name); throws on what cannot be ordered. */
export function orderTables(tables: readonly TableShape[]): TableShape[] {
  const copied = tables.filter((t) => skipReason(t.name) === undefined);
  const byName = new Map(copied.map((t) => [t.name, t]));
  for (const t of copied) {
    if (t.primaryKey.length === 0) throw new AppError('conflict', `table "${t.name}" has no primary key: it cannot be copied in key order`);
    for (const r of t.references)
      if (!byName.has(r.table)) throw new AppError('conflict', `table "${t.name}" references "${r.table}", which is not a table the copy knows`);
  }
  const parents = new Map(copied.map((t) => [t.name, new Set(t.references.map((r) => r.table).filter((p) => p !== t.name))]));
  const ordered: TableShape[] = [];
  const done = new Set<string>();
  while (ordered.length < copied.length) {
    const ready = copied.filter((t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p))).sort((a, b) => cmp(a.name, b.name));
    if (!ready.length) {
      const left = copied.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new AppError('conflict', `tables ${left.join(', ')} reference each other in a cycle: no foreign-key order to copy them in`);
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t.name);
    }
  }
  return ordered;
}

/** Throws naming the first table or column that one side has and the other lacks (the copy needs the same schema). */
export function assertSameSchema(from: readonly TableShape[], to: readonly TableShape[], names: { from: string; to: string }): void {
  const side = (tables: readonly TableShape[]) => new Map(tables.filter((t) => skipReason(t.name) === undefined).map((t) => [t.name, t]));
  const a = side(from);
  const b = side(to);
  for (const [name, t] of a) {
    const other = b.get(name);
    if (!other) throw new AppError('conflict', `table "${name}" of ${names.from} is not in ${names.to}`);
    const missing = t.columns.find((c) => !other.columns.includes(c)) ?? other.columns.find((c) => !t.columns.includes(c));
    if (missing !== undefined) throw new AppError('conflict', `column "${name}.${missing}" is in only one of ${names.from} and ${names.to}`);
  }
  for (const name of b.keys()) if (!a.has(name)) throw new AppError('conflict', `table "${name}" of ${names.to} is not in ${names.from}`);
}

/** Throws unless both sides ran the same migrations. */
export function assertSameMigrations(from: readonly string[], to: readonly string[], names: { from: string; to: string }): void {
  const onlyFrom = from.filter((m) => !to.includes(m));
  const onlyTo = to.filter((m) => !from.includes(m));
  if (onlyFrom.length || onlyTo.length)
    throw new AppError(
      'conflict',
      `the databases were migrated differently: ${[...onlyFrom.map((m) => `${m} only in ${names.from}`), ...onlyTo.map((m) => `${m} only in ${names.to}`)].join('; ')}`,
    );
}

/**
 * A value as the checksum sees it, the same from either engine: numbers as numbers (1 and 1.0, int and double
 * agree; -0 is 0), booleans as 0/1, bigints as numbers when exact, bytes and dates tagged; null explicit.
 */
export function canonicalValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v === 0 ? 0 : v;
    return { $number: String(v) };
  }
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { $integer: v.toString() };
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  throw new AppError('internal', `a value of type ${Object.prototype.toString.call(v)} cannot be checksummed`);
}

/** One row as canonical JSON: the values of its columns in column-name order. */
export function canonicalRow(columns: readonly string[], row: Readonly<Record<string, unknown>>): string {
  return rowJson(sortedColumns(columns), row);
}

const rowJson = (sorted: readonly string[], row: Readonly<Record<string, unknown>>) => JSON.stringify(sorted.map((c) => canonicalValue(row[c])));

/** sha256 over a table's column names and its rows (fed in primary-key order), with the row count. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  private readonly columns: string[];
  rows = 0;

  constructor(columns: readonly string[]) {
    this.columns = sortedColumns(columns);
    this.hash.update(`${JSON.stringify(this.columns)}\n`);
  }

  add(row: Readonly<Record<string, unknown>>): void {
    this.hash.update(`${rowJson(this.columns, row)}\n`);
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Rows per INSERT so one statement stays under the engine's limit of bound parameters. */
export function rowsPerInsert(columnCount: number, maxParameters: number, chunkRows: number): number {
  return Math.max(1, Math.min(chunkRows, Math.floor(maxParameters / Math.max(1, columnCount))));
}

/** One table's count and checksum on each side of a copy. */
export interface TableCheck {
  table: string;
  from: { rows: number; checksum: string };
  to: { rows: number; checksum: string };
  ok: boolean;
}

/** Pairs the two sides' figures table by table (a table missing on one side is not ok). */
export function compareChecks(
  from: ReadonlyMap<string, { rows: number; checksum: string }>,
  to: ReadonlyMap<string, { rows: number; checksum: string }>,
): TableCheck[] {
  const names = [...from.keys(), ...[...to.keys()].filter((n) => !from.has(n))];
  const none = { rows: 0, checksum: '(no table)' };
  return names.map((table) => {
    const a = from.get(table) ?? none;
    const b = to.get(table) ?? none;
    return { table, from: a, to: b, ok: from.has(table) && to.has(table) && a.rows === b.rows && a.checksum === b.checksum };
  });
}

/** The checks as an aligned text table: "table  rows  checksum  ok", the target's figures beside any that differ. */
export function formatChecks(checks: readonly TableCheck[]): string {
  const rows = [
    ['table', 'rows', 'checksum', 'ok'],
    ...checks.map((c) => [
      c.table,
      String(c.from.rows),
      c.from.checksum.slice(0, 16),
      c.ok ? 'ok' : `DIFFERS (target: ${c.to.rows} rows, ${c.to.checksum.slice(0, 16)})`,
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => [r[0].padEnd(widths[0]), r[1].padStart(widths[1]), r[2].padEnd(widths[2]), r[3]].join('  ')).join('\n');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const sortedColumns = (columns: readonly string[]) => [...columns].sort(cmp);
