import { type Kysely, type RawBuilder, sql } from 'kysely';
import { AppError } from '../core/errors.js';
import type { DB } from './connect.js';
import {
  assertSameMigrations,
  assertSameSchema,
  compareChecks,
  orderTables,
  rowsPerInsert,
  type TableCheck,
  TableChecksum,
  type TableShape,
} from './db-copy-plan.js';
import { type Engine, engineOf } from './engine.js';
import { inTransaction } from './transaction.js';

// `claimtrail db copy` and `db verify`: a whole knowledge base from one database to another (SQLite or PostgreSQL,
// either way), keeping ids, in one transaction on the target, then checked table by table.

type Row = Record<string, unknown>;
// tables and columns come from the catalogue at run time, not from the Database type
type AnyDb = Kysely<any>;

/** Rows read from the source per query (keyset by primary key). */
const CHUNK_ROWS = 2000;
/** Bound parameters one statement may carry: SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_PARAMETERS: Record<Engine, number> = { sqlite: 32_000, postgres: 65_000 };

/** Names for messages (a PostgreSQL URL with its password hidden). */
export interface CopyNames {
  from: string;
  to: string;
}

export interface CopyProgress {
  table: string;
  /** rows copied so far, all tables */
  done: number;
  /** rows to copy, all tables */
  total: number;
}

export interface CopyOptions {
  /** delete the target's rows first (in the same transaction as the copy); without it a target with rows is refused */
  replace?: boolean;
  onProgress?: (p: CopyProgress) => void;
}

export interface CopyReport {
  tables: TableCheck[];
  ok: boolean;
  /** rows copied, all tables */
  rows: number;
  /** time the copy took (without the verification), in ms */
  copyMs: number;
  /** time reading the target back to check it took, in ms */
  verifyMs: number;
}

export interface VerifyReport {
  tables: TableCheck[];
  ok: boolean;
}

/**
 * Copies every table of `from` into `to` (both migrated by openDatabase) in foreign-key order, keeping ids, in one
 * transaction on the target; then sets PostgreSQL's identity sequences past the ids, rebuilds the search index, and
 * checks the target against the source's counts and checksums (taken from the same snapshot the copy read).
 */
export async function copyDatabase(from: DB, to: DB, names: CopyNames, options: CopyOptions = {}): Promise<CopyReport> {
  const started = Date.now();
  const { tables, targetShapes } = await comparableSides(from, to, names);
  const sourceSums = await inReadSnapshot(from, async (src) => {
    const counts = new Map<string, number>();
    for (const t of tables) counts.set(t.name, await countRows(src, t.name));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return inTransaction(to, async (tx) => {
      const target = tx as unknown as AnyDb;
      const engine = engineOf(target);
      if (options.replace) await deleteRows(target, engine, tables);
      else await assertEmpty(target, tables, names.to);
      const dropped = await pauseIndexing(target, engine);
      const sums = new Map<string, { rows: number; checksum: string }>();
      let done = 0;
      for (const t of tables) {
        const sum = new TableChecksum(t.columns);
        await copyTable(src, target, engine, t, targetShapes.get(t.name)!, (rows) => {
          for (const r of rows) sum.add(r);
          done += rows.length;
          options.onProgress?.({ table: t.name, done, total });
        });
        sums.set(t.name, { rows: sum.rows, checksum: sum.digest() });
      }
      if (engine === 'postgres') await advanceSequences(target, tables);
      await resumeIndexing(target, engine, dropped);
      return sums;
    });
  });
  const copied = Date.now();
  const tableChecks = compareChecks(sourceSums, await inReadSnapshot(to, (dst) => checksumTables(dst, tables)));
  return {
    tables: tableChecks,
    ok: tableChecks.every((c) => c.ok),
    rows: [...sourceSums.values()].reduce((a, s) => a + s.rows, 0),
    copyMs: copied - started,
    verifyMs: Date.now() - copied,
  };
}

/** Counts and checksums every copied table on both sides, each read in one snapshot. */
export async function verifyCopy(from: DB, to: DB, names: CopyNames): Promise<VerifyReport> {
  const tables = await comparableTables(from, to, names);
  const [a, b] = await Promise.all([inReadSnapshot(from, (src) => checksumTables(src, tables)), inReadSnapshot(to, (dst) => checksumTables(dst, tables))]);
  const checks = compareChecks(a, b);
  return { tables: checks, ok: checks.every((c) => c.ok) };
}

/** The tables to copy, in order, after checking both sides have the same schema and migrations. */
async function comparableTables(from: DB, to: DB, names: CopyNames): Promise<TableShape[]> {
  return (await comparableSides(from, to, names)).tables;
}

/** The tables to copy (as the source has them), in order, and the target's own shapes of them (its column types). */
async function comparableSides(from: DB, to: DB, names: CopyNames): Promise<{ tables: TableShape[]; targetShapes: Map<string, TableShape> }> {
  const [a, b] = [from as unknown as AnyDb, to as unknown as AnyDb];
  assertSameMigrations(await migrationNames(a), await migrationNames(b), names);
  const fromTables = await readTables(a);
  const toTables = await readTables(b);
  assertSameSchema(fromTables, toTables, names);
  return { tables: orderTables(fromTables), targetShapes: new Map(toTables.map((t) => [t.name, t])) };
}

async function migrationNames(db: AnyDb): Promise<string[]> {
  return (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => String(r.name));
}

/** Every table of the database's own catalogue (its schema on PostgreSQL), with columns, primary key and foreign keys. */
export async function readTables(db: DB | AnyDb): Promise<TableShape[]> {
  const exec = db as AnyDb;
  const engine = engineOf(exec);
  type ColumnRow = { table_name: string; column_name: string; column_type: string; key_position: number | null; is_text: number };
  type ReferenceRow = { table_name: string; column_name: string; ref_table: string };
  let columns: ColumnRow[];
  let references: ReferenceRow[];
  if (engine === 'sqlite') {
    columns = (
      await sql<ColumnRow>`
        SELECT m.name AS table_name, p.name AS column_name, p.type AS column_type, nullif(p.pk, 0) AS key_position, upper(p.type) = 'TEXT' AS is_text
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' ORDER BY m.name, p.cid`.execute(exec)
    ).rows;
    references = (
      await sql<ReferenceRow>`
        SELECT m.name AS table_name, f."from" AS column_name, f."table" AS ref_table
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`.execute(exec)
    ).rows;
  } else {
    columns = (
      await sql<ColumnRow>`
        SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, NULL) AS column_type,
          array_position(i.indkey::int2[], a.attnum) AS key_position,
          (a.atttypid IN ('text'::regtype, 'varchar'::regtype))::int AS is_text
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        ORDER BY c.relname, a.attnum`.execute(exec)
    ).rows;
    references = (
      await sql<ReferenceRow>`
        SELECT c.relname AS table_name, a.attname AS column_name, r.relname AS ref_table
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class r ON r.oid = k.confrelid
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
        WHERE k.contype = 'f' AND n.nspname = current_schema()
        ORDER BY c.relname, k.conname`.execute(exec)
    ).rows;
  }
  const tables = new Map<string, TableShape & { keyAt: Map<string, number> }>();
  for (const c of columns) {
    let t = tables.get(c.table_name);
    if (!t)
      tables.set(c.table_name, (t = { name: c.table_name, columns: [], types: [], primaryKey: [], textKeyColumns: [], references: [], keyAt: new Map() }));
    t.columns.push(c.column_name);
    t.types.push(c.column_type);
    if (c.key_position !== null) {
      t.keyAt.set(c.column_name, Number(c.key_position));
      if (Number(c.is_text)) t.textKeyColumns.push(c.column_name);
    }
  }
  for (const r of references) tables.get(r.table_name)?.references.push({ column: r.column_name, table: r.ref_table });
  return [...tables.values()].map(({ keyAt, ...t }) => ({ ...t, primaryKey: [...keyAt.keys()].sort((a, b) => keyAt.get(a)! - keyAt.get(b)!) }));
}

/** Runs `fn` on one connection inside a read transaction: every query it makes sees the same snapshot. */
async function inReadSnapshot<T>(db: DB, fn: (conn: AnyDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    const exec = conn as unknown as AnyDb;
    // SQLite in WAL mode: a deferred read transaction keeps its snapshot until it ends
    await (engineOf(exec) === 'postgres' ? sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` : sql`BEGIN`).execute(exec);
    try {
      const result = await fn(exec);
      await sql`COMMIT`.execute(exec);
      return result;
    } catch (e) {
      await sql`ROLLBACK`.execute(exec);
      throw e;
    }
  });
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.id(table)}`.execute(db)).rows[0].n);
}

/** Calls `each` with the rows of `table` in primary-key order, a chunk at a time (keyset pagination). */
async function readChunks(db: AnyDb, t: TableShape, each: (rows: Row[]) => Promise<void> | void): Promise<void> {
  const postgres = engineOf(db) === 'postgres';
  // text keys in byte order on both engines (SQLite's BINARY collation is byte order already)
  const key = t.primaryKey.map((c) => (postgres && t.textKeyColumns.includes(c) ? sql`${sql.id(c)} COLLATE "C"` : sql.id(c)));
  const select = sql.join(t.columns.map((c) => sql.id(c)));
  let after: Row | undefined;
  for (;;) {
    const where = after ? sql`WHERE (${sql.join(key)}) > (${sql.join(t.primaryKey.map((c) => after![c]))})` : sql``;
    const rows = (await sql<Row>`SELECT ${select} FROM ${sql.id(t.name)} ${where} ORDER BY ${sql.join(key)} LIMIT ${CHUNK_ROWS}`.execute(db)).rows;
    if (!rows.length) return;
    await each(rows);
    if (rows.length < CHUNK_ROWS) return;
    after = rows[rows.length - 1];
  }
}

async function checksumTables(db: AnyDb, tables: readonly TableShape[]): Promise<Map<string, { rows: number; checksum: string }>> {
  const sums = new Map<string, { rows: number; checksum: string }>();
  for (const t of tables) {
    const sum = new TableChecksum(t.columns);
    await readChunks(db, t, (rows) => {
      for (const r of rows) sum.add(r);
    });
    sums.set(t.name, { rows: sum.rows, checksum: sum.digest() });
  }
  return sums;
}

/** Copies one table's rows; a row's references to its own table are set after every row is in (they may point forward). */
async function copyTable(src: AnyDb, target: AnyDb, engine: Engine, t: TableShape, targetShape: TableShape, copied: (rows: Row[]) => void): Promise<void> {
  const selfRefs = t.references.filter((r) => r.table === t.name).map((r) => r.column);
  const later: { key: Row; column: string; value: unknown }[] = [];
  const perInsert = rowsPerInsert(t.columns.length, MAX_PARAMETERS[engine], CHUNK_ROWS);
  const insert = engine === 'postgres' ? unnestInsert(t.name, targetShape) : undefined;
  await readChunks(src, t, async (rows) => {
    const values = selfRefs.length
      ? rows.map((r) => {
          const row = { ...r };
          for (const c of selfRefs)
            if (row[c] !== null) {
              later.push({ key: Object.fromEntries(t.primaryKey.map((k) => [k, r[k]])), column: c, value: r[c] });
              row[c] = null;
            }
          return row;
        })
      : rows;
    if (insert) await insert(values).execute(target);
    else
      for (let i = 0; i < values.length; i += perInsert)
        await target
          .insertInto(t.name)
          .values(values.slice(i, i + perInsert))
          .execute();
    copied(rows);
  });
  for (const l of later) {
    let update = target.updateTable(t.name).set({ [l.column]: l.value });
    for (const [k, v] of Object.entries(l.key)) update = update.where(k, '=', v);
    await update.execute();
  }
}

/**
 * PostgreSQL: a chunk of rows as one INSERT … SELECT FROM unnest(column arrays), a parameter per column. A VALUES
 * list with a parameter per value took the server several times as long to parse and bind (65,000 of them).
 */
function unnestInsert(table: string, shape: TableShape): (rows: Row[]) => RawBuilder<unknown> {
  // the type names are PostgreSQL's own (format_type), read from its catalogue
  const arrays = (rows: Row[]) => shape.columns.map((c, i) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(shape.types[i])}[]`);
  const columns = sql.join(shape.columns.map((c) => sql.id(c)));
  return (rows) => sql`INSERT INTO ${sql.id(table)} (${columns}) SELECT * FROM unnest(${sql.join(arrays(rows))})`;
}

/** Refuses a target that has rows in any table the copy writes. */
async function assertEmpty(target: AnyDb, tables: readonly TableShape[], name: string): Promise<void> {
  for (const t of tables) {
    const any = await sql`SELECT 1 AS one FROM ${sql.id(t.name)} LIMIT 1`.execute(target);
    if (any.rows.length)
      throw new AppError('conflict', `${name} is not empty: table "${t.name}" has rows (copy into a new database, or give --replace to delete its rows first)`);
  }
}

/**
 * Deletes every row of the copied tables and the search index, in the copy's transaction. PostgreSQL: one TRUNCATE
 * (transactional there), which refuses if a table outside the list references one in it. SQLite: children first.
 */
async function deleteRows(target: AnyDb, engine: Engine, tables: readonly TableShape[]): Promise<void> {
  if (engine === 'postgres') await sql`TRUNCATE ${sql.join([...tables.map((t) => sql.id(t.name)), sql.id('claim_fts')])}`.execute(target);
  else for (const t of [...tables].reverse()) await sql`DELETE FROM ${sql.id(t.name)}`.execute(target);
}

/**
 * Stops indexing claims for search one by one; the whole index is built once at the end. SQLite: claims inserted
 * while claim_fts_deferred holds a row are not indexed (migration 0020). PostgreSQL: the claim table's triggers are
 * off until the end of the copy (in its transaction), and its non-unique indexes (the GIN index among them) are
 * dropped and built again once over all the rows, which costs less than keeping them up to date row by row.
 */
async function pauseIndexing(target: AnyDb, engine: Engine): Promise<string[]> {
  await sql`DELETE FROM claim_fts`.execute(target);
  if (engine === 'sqlite') {
    await sql`DELETE FROM claim_fts_deferred`.execute(target);
    await sql`INSERT INTO claim_fts_deferred (after_id) VALUES (0)`.execute(target);
    return [];
  }
  await sql`ALTER TABLE claim DISABLE TRIGGER USER`.execute(target);
  const { rows } = await sql<{ name: string; def: string }>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND NOT i.indisunique ORDER BY c.relname`.execute(target);
  for (const r of rows) await sql`DROP INDEX ${sql.id(r.name)}`.execute(target);
  return rows.map((r) => r.def);
}

/** Indexes every claim for search and builds the dropped indexes again; checks that every claim has its entry. */
async function resumeIndexing(target: AnyDb, engine: Engine, dropped: readonly string[]): Promise<void> {
  if (engine === 'sqlite') {
    // the same row the triggers of migrations 0001 and 0020 write for a claim
    await sql`
      INSERT INTO claim_fts (rowid, exact, speaker, outlet, title)
      SELECT c.id, c.exact, coalesce(c.speaker_name, '') || ' ' || coalesce(c.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '')
      FROM claim c JOIN source s ON s.id = c.source_id`.execute(target);
    await sql`DELETE FROM claim_fts_deferred`.execute(target);
    await sql`INSERT INTO claim_fts (claim_fts) VALUES ('optimize')`.execute(target);
  } else {
    // the document the trigger writes, from the function it calls (migration 0001)
    await sql`INSERT INTO claim_fts (claim_id, document) SELECT id, claim_fts_document(id) FROM claim`.execute(target);
    await sql`ALTER TABLE claim ENABLE TRIGGER USER`.execute(target);
    // the statements are PostgreSQL's own (pg_get_indexdef), as the catalogue held them
    for (const create of dropped) await sql.raw(create).execute(target);
  }
  const claims = await countRows(target, 'claim');
  const indexed = await countRows(target, 'claim_fts');
  if (indexed !== claims) throw new AppError('internal', `the search index of the copy has ${indexed} entries for ${claims} claims`);
}

/** PostgreSQL: each identity sequence continues after the largest id copied (SQLite's AUTOINCREMENT follows by itself). */
async function advanceSequences(target: AnyDb, tables: readonly TableShape[]): Promise<void> {
  for (const t of tables) {
    if (t.primaryKey.length !== 1 || t.textKeyColumns.length) continue;
    const id = t.primaryKey[0];
    await sql`
      SELECT setval(seq, coalesce((SELECT max(${sql.id(id)}) FROM ${sql.id(t.name)}), 0) + 1, false)
      FROM (SELECT pg_get_serial_sequence(${t.name}, ${id}) AS seq) s WHERE seq IS NOT NULL`.execute(target);
  }
}
