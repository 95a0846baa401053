// Prints a random sample of each kind of cross-reference suggestion with both sentences, for judging precision by eye.
// Works on a copy of an existing database (never writes to it); re-runs cross-referencing from scratch on the copy.
// Usage: npx tsx bench/crossref-sample.ts DB_PATH [N=20] [KINDS=corroborates,contradicts,variant_of,same_as,place_conflict]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossrefAll } from '../src/crossref/crossref.service.js';
import { sentenceAround } from '../src/crossref/text-context.js';
import { openDatabase } from '../src/storage/connect.js';
import { findBoardSides, listBoardLinks } from '../src/storage/board.repository.js';
import { findOfficialMarks } from '../src/storage/reference.repository.js';
import { buildBoardCards } from '../src/web/board-cards.js';

const source = process.argv[2];
if (!source) throw new Error('usage: npx tsx bench/crossref-sample.ts DB_PATH [N] [KINDS]');
const n = Number(process.argv[3] ?? 20);
const kinds = (process.argv[4] ?? 'corroborates,contradicts,variant_of,same_as,place_conflict').split(',');
const dir = mkdtempSync(join(tmpdir(), 'claimtrail-sample-'));
const path = join(dir, 'sample.db');
copyFileSync(source, path);
const db = await openDatabase(path);
await db.deleteFrom('claim_link').execute();
await db.deleteFrom('entity_link').execute();
await crossrefAll(db);

let seed = 7; // a fixed seed: the same sample for the same database
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
function sample<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}
const one = (s: string) => s.replace(/\s+/g, ' ').slice(0, 400);
const textOf = async (id: number) => (await db.selectFrom('source').select('text').where('id', '=', id).executeTakeFirstOrThrow()).text;

for (const relation of ['corroborates', 'contradicts', 'variant_of'] as const) {
  if (!kinds.includes(relation)) continue;
  const rows = await listBoardLinks(db, { relation, status: 'all', limit: 100000, offset: 0 });
  const claimIds = rows.flatMap((r) => [r.claim_a, r.claim_b]);
  const all = buildBoardCards(rows, await findBoardSides(db, claimIds), await findOfficialMarks(db, claimIds));
  console.log(`\n===== ${relation} (${all.length})`);
  for (const l of sample(all)) {
    console.log(`\n#${l.id} ${l.score} ${l.reason}`);
    for (const s of [l.a, l.b])
      console.log(
        `  [${s.source.id} ${s.source.outlet ?? ''} ${s.source.title?.slice(0, 40)}] ${one(s.sentence.before)}⟦${one(s.sentence.claim)}⟧${one(s.sentence.after)}  {${s.claim.speaker_name ?? ''}}`,
      );
  }
}
for (const relation of ['same_as', 'place_conflict'] as const) {
  if (!kinds.includes(relation)) continue;
  const all = await db.selectFrom('entity_link').selectAll().where('relation', '=', relation).execute();
  console.log(`\n===== ${relation} (${all.length})`);
  for (const l of sample(all)) {
    console.log(`\n#${l.id} ${l.label_a} / ${l.label_b}: ${l.reason}`);
    if (relation === 'place_conflict') {
      const ev = JSON.parse(l.evidence_json);
      for (const side of [ev.a[0], ev.b[0]]) {
        const t = await textOf(side.source_id);
        const s = sentenceAround(t, side.start, side.end);
        console.log(`  [${side.source_id}] ${one(t.slice(s.start, s.end))}`);
      }
      continue;
    }
    for (const e of [l.entity_a, l.entity_b!]) {
      const m = await db.selectFrom('mention').select(['source_id', 'start', 'end']).where('entity_id', '=', e).limit(1).executeTakeFirst();
      const ent = await db.selectFrom('entity').select(['kind', 'name']).where('id', '=', e).executeTakeFirstOrThrow();
      let where = '(no mention)';
      if (m) {
        const t = await textOf(m.source_id);
        const s = sentenceAround(t, m.start, m.end);
        where = `[${m.source_id}] ${one(t.slice(s.start, s.end))}`;
      }
      console.log(`  e${e} ${ent.kind} "${ent.name}" ${where}`);
    }
  }
}
await db.destroy();
rmSync(dir, { recursive: true, force: true });
