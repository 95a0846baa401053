import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTempFileDb, FIXTURES_DIR } from '../helpers/db.js';

// Several `claimtrail ingest` processes writing into one database at once (issue 11): on a SQLite file, and on
// PostgreSQL when the suite runs there (createTempFileDb() then gives a database URL). Whatever the interleaving,
// the result must be what one process ingesting everything gives: each content once, and every cross-reference link.

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/claimtrail.js');
const REPHRASED_DIR = join(FIXTURES_DIR, 'rephrased');
const execFileP = promisify(execFile);

const ingest = (db: string, dirs: string[]) => execFileP(process.execPath, [BIN, '--db', db, 'ingest', '--json', ...dirs], { cwd: ROOT, env: process.env });

/** Links described by what they join (content hash + offsets of each claim, or entity names), not by row ids. */
async function linkKeys(db: DB): Promise<string[]> {
  const claims = await db
    .selectFrom('claim_link as l')
    .innerJoin('claim as a', 'a.id', 'l.claim_a')
    .innerJoin('source as sa', 'sa.id', 'a.source_id')
    .innerJoin('claim as b', 'b.id', 'l.claim_b')
    .innerJoin('source as sb', 'sb.id', 'b.source_id')
    .select(['l.relation', 'l.status', 'sa.content_sha256 as ha', 'a.start as sta', 'a.end as ea', 'sb.content_sha256 as hb', 'b.start as stb', 'b.end as eb'])
    .execute();
  const entities = await db.selectFrom('entity_link').select(['relation', 'status', 'label_a', 'label_b']).execute();
  return [
    ...claims.map((r) => {
      const ends = [`${r.ha}@${r.sta}-${r.ea}`, `${r.hb}@${r.stb}-${r.eb}`].sort();
      return `claim ${r.relation} ${r.status} ${ends.join(' ~ ')}`;
    }),
    ...entities.map((r) => `entity ${r.relation} ${r.status} ${[r.label_a, r.label_b].sort().join(' ~ ')}`),
  ].sort();
}

async function sourceCounts(db: DB): Promise<{ sources: number; distinct: number; claims: number }> {
  const s = await db
    .selectFrom('source')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('content_sha256').distinct().as('d')])
    .executeTakeFirstOrThrow();
  const c = await db
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { sources: Number(s.n), distinct: Number(s.d), claims: Number(c.n) };
}

/** Runs `fn` on a new empty database (a file, or a PostgreSQL database) and returns what it left. */
async function outcomeOf(fn: (target: string) => Promise<unknown>) {
  const { db, path } = await createTempFileDb();
  try {
    await fn(path);
    return { counts: await sourceCounts(db), links: await linkKeys(db) };
  } finally {
    await db.destroy();
  }
}

describe('several ingest processes into one database at once', () => {
  let alone: Awaited<ReturnType<typeof outcomeOf>>;

  beforeAll(async () => {
    alone = await outcomeOf((db) => ingest(db, [CORPUS_DIR, REPHRASED_DIR]));
  }, 120_000);

  it('one process alone stores every article once and suggests links (the reference run)', () => {
    expect(alone.counts.sources).toBe(9);
    expect(alone.counts.distinct).toBe(9);
    expect(alone.links.filter((l) => l.startsWith('claim contradicts')).length).toBeGreaterThan(0);
    expect(alone.links.filter((l) => l.startsWith('claim corroborates')).length).toBeGreaterThan(0);
  });

  it('two processes with different articles give the same sources and the same links as one', async () => {
    const both = await outcomeOf((db) => Promise.all([ingest(db, [CORPUS_DIR]), ingest(db, [REPHRASED_DIR])]));
    expect(both.counts).toEqual(alone.counts);
    expect(both.links).toEqual(alone.links);
  }, 120_000);

  it('three processes with the same articles store each once, with every link once', async () => {
    const dirs = [CORPUS_DIR, REPHRASED_DIR];
    const runs: { stdout: string }[] = [];
    const three = await outcomeOf(async (db) => runs.push(...(await Promise.all([ingest(db, dirs), ingest(db, [...dirs].reverse()), ingest(db, dirs)]))));
    expect(three.counts).toEqual(alone.counts);
    expect(three.links).toEqual(alone.links);
    // between them the processes added each article once; the others found it there
    const summaries = runs.map((r) => JSON.parse(r.stdout) as { added: unknown[]; unchanged: unknown[] });
    expect(summaries.reduce((n, s) => n + s.added.length, 0)).toBe(9);
    expect(summaries.reduce((n, s) => n + s.unchanged.length, 0)).toBe(18);
  }, 180_000);
});
