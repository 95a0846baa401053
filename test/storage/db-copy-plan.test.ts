import {
  assertSameMigrations,
  assertSameSchema,
  canonicalRow,
  canonicalValue,
  compareChecks,
  formatChecks,
  orderTables,
  rowsPerInsert,
  skipReason,
  TableChecksum,
  type TableShape,
} from '../../src/storage/db-copy-plan.js';

const table = (name: string, refs: string[] = [], primaryKey = ['id']): TableShape => ({
  name,
  columns: ['id', ...refs.map((r) => `${r}_id`)],
  types: ['integer', ...refs.map(() => 'integer')],
  primaryKey,
  textKeyColumns: [],
  references: refs.map((r) => ({ column: `${r}_id`, table: r })),
});

const checksumOf = (columns: string[], rows: Record<string, unknown>[]) => {
  const sum = new TableChecksum(columns);
  for (const r of rows) sum.add(r);
  return sum.digest();
};

describe('the order tables are copied in', () => {
  it('puts every table after the tables it references, ties by name', () => {
    const tables = [
      table('claim', ['source', 'entity']),
      table('mention', ['entity', 'source']),
      table('source'),
      table('entity'),
      table('annotation', ['claim']),
    ];
    expect(orderTables(tables).map((t) => t.name)).toEqual(['entity', 'source', 'claim', 'mention', 'annotation']);
  });

  it('gives the same order whatever order the catalogue lists the tables in', () => {
    const tables = [table('a'), table('b', ['a']), table('c', ['b', 'a']), table('d')];
    const reversed = [...tables].reverse();
    expect(orderTables(reversed).map((t) => t.name)).toEqual(orderTables(tables).map((t) => t.name));
  });

  it('allows a table to reference itself (source.previous_version_id)', () => {
    expect(orderTables([table('source', ['source'])]).map((t) => t.name)).toEqual(['source']);
  });

  it("leaves out each engine's own tables and the search index", () => {
    const tables = [
      table('claim'),
      table('kysely_migration'),
      table('sqlite_sequence'),
      table('claim_fts', ['claim']),
      table('claim_fts_deferred'),
      table('bulk_dropped_index'),
    ];
    expect(orderTables(tables).map((t) => t.name)).toEqual(['claim']);
    expect(skipReason('claim_fts_data')).toMatch(/search index/);
    expect(skipReason('claim_link')).toBeUndefined();
  });

  it('refuses a reference to a table it does not copy, a cycle, and a table without a primary key, by name', () => {
    expect(() => orderTables([table('claim', ['source'])])).toThrow('table "claim" references "source", which is not a table the copy knows');
    expect(() => orderTables([table('a', ['b']), table('b', ['a']), table('c')])).toThrow('tables a, b reference each other in a cycle');
    expect(() => orderTables([table('log', [], [])])).toThrow('table "log" has no primary key');
  });
});

describe('comparing the two sides', () => {
  const names = { from: 'a.db', to: 'postgres://x/y' };

  it('accepts the same tables and columns in any order, ignoring engine tables', () => {
    const a = [table('claim', ['source']), table('source'), table('sqlite_sequence')];
    const b = [table('source'), { ...table('claim', ['source']), columns: ['source_id', 'id'] }, table('claim_fts', ['claim'])];
    expect(() => assertSameSchema(a, b, names)).not.toThrow();
  });

  it('names a table or a column that only one side has', () => {
    expect(() => assertSameSchema([table('source'), table('extra')], [table('source')], names)).toThrow('table "extra" of a.db is not in postgres://x/y');
    expect(() => assertSameSchema([table('source')], [table('source'), table('extra')], names)).toThrow('table "extra" of postgres://x/y is not in a.db');
    expect(() => assertSameSchema([table('claim', ['source']), table('source')], [table('claim'), table('source')], names)).toThrow(
      'column "claim.source_id" is in only one of a.db and postgres://x/y',
    );
  });

  it('refuses databases migrated differently, naming the migrations', () => {
    expect(() => assertSameMigrations(['0001_init', '0002_x'], ['0002_x', '0001_init'], names)).not.toThrow();
    expect(() => assertSameMigrations(['0001_init', '0002_x'], ['0001_init', '0003_y'], names)).toThrow(
      'the databases were migrated differently: 0002_x only in a.db; 0003_y only in postgres://x/y',
    );
  });
});

describe('the canonical form rows are checksummed in', () => {
  it('makes int and double, 1 and 1.0, -0 and 0, booleans and 0/1, safe bigints and numbers agree', () => {
    expect(canonicalValue(1)).toBe(canonicalValue(1.0));
    expect(JSON.stringify(canonicalValue(-0))).toBe('0');
    expect(canonicalValue(true)).toBe(1);
    expect(canonicalValue(false)).toBe(0);
    expect(canonicalValue(BigInt(42))).toBe(42);
    expect(canonicalValue(BigInt('9007199254740993'))).toEqual({ $integer: '9007199254740993' });
    expect(canonicalValue(0.1 + 0.2)).toBe(0.30000000000000004);
  });

  it('keeps nulls explicit and apart from empty strings, and numbers apart from numeric strings', () => {
    expect(canonicalRow(['a', 'b'], { a: null, b: '' })).toBe('[null,""]');
    expect(canonicalRow(['a'], {})).toBe('[null]');
    expect(canonicalRow(['a'], { a: 1 })).not.toBe(canonicalRow(['a'], { a: '1' }));
  });

  it('writes the columns in name order, whatever order the row or the catalogue gives them in', () => {
    expect(canonicalRow(['b', 'a'], { b: 2, a: 1 })).toBe('[1,2]');
    expect(canonicalRow(['a', 'b'], { a: 1, b: 2 })).toBe('[1,2]');
  });

  it('tags bytes, dates and non-finite numbers, and refuses anything else', () => {
    expect(canonicalValue(Buffer.from('hi'))).toEqual({ $bytes: 'aGk=' });
    expect(canonicalValue(new Date('2024-07-04T00:00:00Z'))).toBe('2024-07-04T00:00:00.000Z');
    expect(canonicalValue(Number.NaN)).toEqual({ $number: 'NaN' });
    expect(() => canonicalValue({ a: 1 })).toThrow('cannot be checksummed');
  });

  it('checksums a table by its column names and its rows in order, counting them', () => {
    const rows = [
      { id: 1, name: 'a', score: 1.5 },
      { id: 2, name: null, score: 2 },
    ];
    const base = checksumOf(['id', 'name', 'score'], rows);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf(['score', 'name', 'id'], rows)).toBe(base);
    expect(
      checksumOf(
        ['id', 'name', 'score'],
        [
          { id: 1, name: 'a', score: 1.5 },
          { id: 2, name: null, score: 2.0 },
        ],
      ),
    ).toBe(base);
    expect(checksumOf(['id', 'name', 'score'], [...rows].reverse())).not.toBe(base);
    expect(checksumOf(['id', 'name', 'score'], [rows[0], { ...rows[1], name: '' }])).not.toBe(base);
    expect(checksumOf(['id', 'label', 'score'], rows)).not.toBe(checksumOf(['id', 'name', 'score'], rows));
    const sum = new TableChecksum(['id']);
    sum.add({ id: 1 });
    sum.add({ id: 2 });
    expect(sum.rows).toBe(2);
  });

  it('tells an empty table from a one-row table of nulls', () => {
    expect(checksumOf(['a'], [])).not.toBe(checksumOf(['a'], [{ a: null }]));
  });
});

describe('rows per INSERT', () => {
  it("stays under the engine's bound-parameter limit and the chunk size, never below one row", () => {
    expect(rowsPerInsert(36, 32_000, 2000)).toBe(888);
    expect(rowsPerInsert(36, 65_000, 2000)).toBe(1805);
    expect(rowsPerInsert(3, 32_000, 2000)).toBe(2000);
    expect(rowsPerInsert(50_000, 32_000, 2000)).toBe(1);
  });
});

describe('the report', () => {
  const figures = (rows: number, checksum: string) => ({ rows, checksum });

  it('pairs the sides table by table and marks any difference, or a table one side lacks', () => {
    const from = new Map([
      ['source', figures(2, 'a'.repeat(64))],
      ['claim', figures(5, 'b'.repeat(64))],
    ]);
    const to = new Map([
      ['source', figures(2, 'a'.repeat(64))],
      ['claim', figures(5, 'c'.repeat(64))],
      ['extra', figures(0, 'd'.repeat(64))],
    ]);
    const checks = compareChecks(from, to);
    expect(checks.map((c) => [c.table, c.ok])).toEqual([
      ['source', true],
      ['claim', false],
      ['extra', false],
    ]);
    const text = formatChecks(checks).split('\n');
    expect(text[0]).toMatch(/^table\s+rows\s+checksum\s+ok$/);
    expect(text[1]).toMatch(/^source\s+2\s+aaaaaaaaaaaaaaaa\s+ok$/);
    expect(text[2]).toMatch(/^claim\s+5\s+bbbbbbbbbbbbbbbb\s+DIFFERS \(target: 5 rows, cccccccccccccccc\)$/);
  });
});
