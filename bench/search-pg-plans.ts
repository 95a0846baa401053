// Search on PostgreSQL at 100,000 claims: is the GIN index used, and how fast is a search? Makes a database of its
// own on the server (dropped at the end unless KEEP=1), fills it with synthetic claims (the BBC set's sentences as
// claim texts, over copies of its articles as sources, with outlets, months and speakers varied), then prints each
// query mix entry's plan (EXPLAIN ANALYZE of the key query: must read claim_fts_document_idx) and p50/p95 search times.
// Usage: CLAIMTRAIL_BENCH_PG_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/search-pg-plans.ts [CLAIMS]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { normaliseAlias } from '../src/core/names.js';
import type { SearchFilters } from '../src/search/search-types.js';
import { openDatabase } from '../src/storage/connect.js';
import { planSearch, searchKeyQuery } from '../src/storage/search-plan.js';
import { searchClaims } from '../src/storage/search.repository.js';
import { BBC_DIR, report } from './bench-helpers.js';
import { searchMix } from './search-timing.js';

const ADMIN = process.env.CLAIMTRAIL_BENCH_PG_URL;
if (!ADMIN) throw new Error('set CLAIMTRAIL_BENCH_PG_URL to a PostgreSQL admin URL (one that may CREATE DATABASE)');
const TARGET = Number(process.argv[2] ?? 100_000);
const OUTLETS = ['BBC News', 'The Guardian', 'The Times', 'Reuters', 'Sky News'];
const SPEAKERS = Array.from(
  { length: 60 },
  (_, i) =>
    `${['Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Robin'][i % 6]} ${['Harper', 'Quill', 'Marsh', 'Byrne', 'Okafor', 'Lind', 'Varga', 'Moss', 'Tate', 'Noor'][Math.floor(i / 6)]}`,
);

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The BBC articles: their text and their sentences with offsets. */
function readArticles(): { text: string; sentences: { start: number; end: number }[] }[] {
  const out = [];
  for (const topic of readdirSync(BBC_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const f of readdirSync(join(BBC_DIR, topic.name)).sort()) {
      const text = readFileSync(join(BBC_DIR, topic.name, f), 'latin1')
        .replace(/\s+/g, ' ')
        .trim();
      const sentences = [...text.matchAll(/[^.!?]{40,400}[.!?]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      out.push({ text, sentences });
    }
  return out;
}

const name = `search_bench_${process.pid}`;
await admin(`CREATE DATABASE "${name}"`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const db = await openDatabase(url.toString());
try {
  const now = new Date().toISOString();
  const speakerIds: number[] = [];
  for (const s of SPEAKERS) {
    const id = (await db.insertInto('entity').values({ kind: 'person', name: s, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const surname = s.split(' ')[1];
    await db
      .insertInto('entity_alias')
      .values([s, surname].map((alias) => ({ entity_id: id, alias, alias_norm: normaliseAlias(alias) })))
      .execute();
    speakerIds.push(id);
  }
  const articles = readArticles();
  let t = performance.now();
  let claims = 0;
  for (let copy = 0; claims < TARGET; copy++) {
    for (const [i, a] of articles.entries()) {
      if (claims >= TARGET) break;
      const k = copy * articles.length + i;
      await db.transaction().execute(async (trx) => {
        const sourceId = (
          await trx
            .insertInto('source')
            .values({
              url: `https://example.org/${k}`,
              outlet: OUTLETS[k % OUTLETS.length],
              title: a.text.slice(0, a.text.indexOf(' ', 40)),
              published_at: `${2005 + (k % 20)}-${String(1 + (k % 12)).padStart(2, '0')}`,
              retrieved_at: now,
              file: `bench-${k}.txt`,
              format: 'txt',
              raw_sha256: `raw-${k}`,
              content_sha256: `content-${k}`,
              text: a.text,
              paragraphs_json: '[]',
              removed_json: '[]',
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        const rows = a.sentences.slice(0, TARGET - claims).map((s, j) => {
          const speaker = (k + j) % 3 === 0 ? (k * 7 + j) % SPEAKERS.length : null;
          return {
            source_id: sourceId,
            kind: j % 5 === 4 ? ('figure' as const) : ('quote' as const),
            exact: a.text.slice(s.start, s.end),
            start: s.start,
            end: s.end,
            prefix: a.text.slice(Math.max(0, s.start - 32), s.start),
            suffix: a.text.slice(s.end, s.end + 32),
            speaker_entity_id: speaker === null ? null : speakerIds[speaker],
            speaker_text: speaker === null ? null : SPEAKERS[speaker],
            speaker_name: speaker === null ? null : SPEAKERS[speaker],
            extractor: 'bench',
            confidence: j % 4 === 0 ? 0.6 : 0.9,
            created_by: 'bench',
            created_at: now,
            updated_at: now,
          };
        });
        if (rows.length) await trx.insertInto('claim').values(rows).execute();
        claims += rows.length;
      });
    }
  }
  const loadSeconds = (performance.now() - t) / 1000;
  // what autovacuum does on a live server: statistics for the planner, GIN's pending list merged into the index
  await sql`VACUUM ANALYZE`.execute(db);
  report('built', { claims, 'load s': loadSeconds.toFixed(1) });

  const mix: SearchFilters[] = [...searchMix(SPEAKERS[0]), { q: 'government', sort: 'relevance' }, { q: '"interest rates"', sort: 'relevance' }];
  // the key query of each (what picks the page's ids): its plan must read the GIN index when there are words
  for (const f of mix) {
    const plan = await planSearch(db, f);
    const key = searchKeyQuery(db, plan, f);
    const lines = (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, COSTS OFF) ${key.select} ${key.order} LIMIT 1001`.execute(db)).rows.map(
      (r) => r['QUERY PLAN'],
    );
    const usesGin = lines.some((l) => l.includes('claim_fts_document_idx'));
    console.log(`\n${JSON.stringify(f)}${plan.words ? (usesGin ? '  (GIN index used)' : '  (GIN INDEX NOT USED)') : ''}`);
    for (const l of lines) console.log(`  ${l}`);
  }
  const times: number[] = [];
  const perQuery: Record<string, number[]> = {};
  for (let round = 0; round < 10; round++)
    for (const f of mix) {
      t = performance.now();
      await searchClaims(db, f, { limit: 20, offset: 0 });
      const ms = performance.now() - t;
      if (round > 0) times.push(ms); // the first round warms the caches
      (perQuery[JSON.stringify(f)] ??= []).push(ms);
    }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  report(`search, first page of 20 (${times.length} timed searches after a warm-up round)`, {
    'p50 ms': pct(times, 50).toFixed(1),
    'p95 ms': pct(times, 95).toFixed(1),
  });
  for (const [q, xs] of Object.entries(perQuery)) console.log(`  ${q.padEnd(60)} median ${pct(xs, 50).toFixed(1)} ms`);
} finally {
  await db.destroy();
  if (process.env.KEEP !== '1') await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  else console.log(`kept database ${url}`);
}
