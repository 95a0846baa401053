import { copyFileSync } from 'node:fs';
import { crossrefSources } from '../src/crossref/crossref.service.js';
import { listLinks } from '../src/crossref/links.repository.js';
import { sentenceAround } from '../src/crossref/text-context.js';
import { openDatabase } from '../src/storage/connect.js';
copyFileSync('/tmp/ct-bbc-base.db', '/tmp/ctprof/s.db');
const db = await openDatabase('/tmp/ctprof/s.db');
const ids = (await db.selectFrom('source').select('id').execute()).map((r) => r.id);
await db.deleteFrom('claim_link').execute(); await db.deleteFrom('entity_link').execute();
await crossrefSources(db, ids);
const N = Number(process.env.N ?? 20);
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const sample = <T,>(xs: T[]) => { const a = [...xs]; for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a.slice(0, N); };
const one = (s: string) => s.replace(/\s+/g, ' ').slice(0, 400);
const kinds = (process.env.KINDS ?? 'corroborates,contradicts,variant_of,same_as,place_conflict').split(',');
for (const rel of ['corroborates', 'contradicts', 'variant_of'] as const) {
  if (!kinds.includes(rel)) continue;
  const all = await listLinks(db, { relation: rel, limit: 100000, offset: 0 });
  console.log(`\n===== ${rel} (${all.length})`);
  for (const l of sample(all)) {
    console.log(`\n#${l.id} ${l.score} ${l.reason}`);
    for (const s of [l.a, l.b]) console.log(`  [${s.source.id} ${s.source.title?.slice(0, 40)}] ${one(s.sentence.before)}⟦${one(s.sentence.claim)}⟧${one(s.sentence.after)}  {${s.claim.speaker_name ?? ''}}`);
  }
}
const text = async (id: number) => (await db.selectFrom('source').select('text').where('id', '=', id).executeTakeFirstOrThrow()).text;
for (const rel of ['same_as', 'place_conflict'] as const) {
  if (!kinds.includes(rel)) continue;
  const all = await db.selectFrom('entity_link').selectAll().where('relation', '=', rel).execute();
  console.log(`\n===== ${rel} (${all.length})`);
  for (const l of sample(all)) {
    console.log(`\n#${l.id} ${l.label_a} / ${l.label_b}: ${l.reason}`);
    if (rel === 'place_conflict') {
      const ev = JSON.parse(l.evidence_json);
      for (const side of [ev.a[0], ev.b[0]]) { const t = await text(side.source_id); const s = sentenceAround(t, side.start, side.end); console.log(`  [${side.source_id}] ${one(t.slice(s.start, s.end))}`); }
    } else {
      for (const e of [l.entity_a, l.entity_b!]) {
        const m = await db.selectFrom('mention').select(['source_id', 'start', 'end']).where('entity_id', '=', e).limit(1).execute();
        const sp = await db.selectFrom('claim').select((eb) => eb.fn.countAll<number>().as('n')).where('speaker_entity_id', '=', e).executeTakeFirstOrThrow();
        const ent = await db.selectFrom('entity').select(['kind', 'name']).where('id', '=', e).executeTakeFirstOrThrow();
        const al = (await db.selectFrom('entity_alias').select('alias').where('entity_id', '=', e).execute()).map((a) => a.alias).join('|');
        if (m[0]) { const t = await text(m[0].source_id); const s = sentenceAround(t, m[0].start, m[0].end); console.log(`  e${e} ${ent.kind} "${ent.name}" aliases=${al} speaker=${sp.n} [${m[0].source_id}] ${one(t.slice(s.start, s.end))}`); }
        else console.log(`  e${e} ${ent.kind} "${ent.name}" aliases=${al} speaker=${sp.n} (no mention)`);
      }
    }
  }
}
await db.destroy();
