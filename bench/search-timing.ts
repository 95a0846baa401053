// The search benches' measurements, the same on either engine: a fixed query mix timed over several rounds (p50/p95),
// export of 10,000 claims as CSV and CSL-JSON, and (PostgreSQL) EXPLAIN ANALYZE of the statements a slow query ran.
import { CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, sql, type UnknownRow } from 'kysely';
import { formatExport } from '../src/export/index.js';
import { iterateExportRows } from '../src/search/export-rows.js';
import type { SearchFilters } from '../src/search/search-types.js';
import type { DB } from '../src/storage/connect.js';
import { searchClaims } from '../src/storage/search.repository.js';

/** The speaker quoted most often (by entity), for the speaker filters of the mix. */
export async function topSpeaker(db: DB): Promise<string> {
  const row = (
    await sql<{ name: string }>`SELECT min(speaker_name) AS name FROM claim WHERE speaker_entity_id IS NOT NULL
      GROUP BY speaker_entity_id ORDER BY count(*) DESC, speaker_entity_id LIMIT 1`.execute(db)
  ).rows[0];
  return row?.name ?? 'Blair';
}

/** The query mix: common and rare words, phrases, a speaker filter (the most quoted speaker), an outlet filter, prefixes. */
export function searchMix(speaker: string): SearchFilters[] {
  return [
    { q: 'government' },
    { q: 'economy growth' },
    { q: '"prime minister"' },
    { q: '"interest rates"' },
    { q: 'econom*' },
    { q: 'terror*' },
    { speaker },
    { speaker, q: 'election' },
    { outlet: 'Reuters', q: 'music' },
    { outlet: 'Sky News' },
    { q: 'said' },
    { q: 'xylophone' },
    { kind: 'figure', q: 'million' },
  ];
}

/** Timed and shown, but outside the p50/p95 mix: ranking is opt-in and scores every match. */
export const SEARCH_EXTRAS: SearchFilters[] = [
  { q: 'xylophone', sort: 'relevance' },
  { q: '"interest rates"', sort: 'relevance' },
  { q: 'government', sort: 'relevance' },
  { speaker: 'Tony Blaire' },
  { outlet: 'Sky News', from: '2010', to: '2012' },
];

export interface SearchTimes {
  /** every timed query of the mix, ms */
  times: number[];
  perQuery: Record<string, number[]>;
  extraTimes: Record<string, number[]>;
}

/** 12 rounds of the mix and the extras (pages 1 and 2), the first two rounds as warm-up. */
export async function timeSearches(db: DB, mix: SearchFilters[], extras: SearchFilters[] = SEARCH_EXTRAS): Promise<SearchTimes> {
  const times: number[] = [];
  const perQuery: Record<string, number[]> = {};
  const extraTimes: Record<string, number[]> = {};
  for (let round = 0; round < 12; round++) {
    for (const [set, f] of [...mix.map((f) => ['mix', f] as const), ...extras.map((f) => ['extra', f] as const)]) {
      const start = performance.now();
      await searchClaims(db, f, { limit: 20, offset: round % 3 === 2 ? 20 : 0 });
      const ms = performance.now() - start;
      if (round > 1) {
        if (set === 'mix') {
          times.push(ms);
          (perQuery[JSON.stringify(f)] ??= []).push(ms);
        } else (extraTimes[JSON.stringify(f)] ??= []).push(ms);
      }
    }
  }
  return { times, perQuery, extraTimes };
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Milliseconds to export the first 10,000 claims (all of them, in claim order) as CSV or CSL-JSON. */
export async function timeExport(db: DB, format: 'csv' | 'csl'): Promise<number> {
  const start = performance.now();
  let bytes = 0;
  const ctx = { count: 10000, baseUrl: 'http://localhost:3000', publisher: 'bench', generatedAt: new Date().toISOString() };
  for await (const chunk of formatExport(format, iterateExportRows(db, { filters: {} }, { limit: 10000 }), ctx)) bytes += chunk.length;
  if (bytes < 10000) throw new Error('export produced too little');
  return performance.now() - start;
}

/** One statement a search ran: its SQL, parameters and time. */
export interface RecordedStatement {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

/**
 * `db` with every statement recorded (SQL as sent, parameters, time): searchClaims runs on it unchanged, and the
 * slow statements can then be explained on the real database.
 */
export function recordingStatements(db: DB): { db: DB; take: () => RecordedStatement[] } {
  let recorded: RecordedStatement[] = [];
  const started = new Map<unknown, { sql: string; parameters: readonly unknown[]; t: number }>();
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      const compiled = executor.compileQuery(node as RootOperationNode, queryId);
      started.set(queryId, { sql: compiled.sql, parameters: compiled.parameters, t: performance.now() });
      return node;
    },
    async transformResult({ result, queryId }): Promise<QueryResult<UnknownRow>> {
      const s = started.get(queryId);
      started.delete(queryId);
      if (s) recorded.push({ sql: s.sql, parameters: s.parameters, ms: performance.now() - s.t });
      return result;
    },
  };
  return {
    db: db.withPlugin(plugin),
    take: () => {
      const out = recorded;
      recorded = [];
      return out;
    },
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of one recorded statement on PostgreSQL: the plan as text. */
export async function explainAnalyze(db: DB, s: RecordedStatement): Promise<string> {
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]));
  return result.rows.map((r) => r['QUERY PLAN']).join('\n');
}
