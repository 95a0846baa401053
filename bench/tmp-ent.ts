import { openDatabase } from '../src/storage/connect.js';
import { suggestMerges, findPlaceNames } from '../src/crossref/entities-merge.js';
import { normaliseAlias } from '../src/core/names.js';
import { sentenceAround } from '../src/crossref/text-context.js';
const db = await openDatabase('/tmp/ctprof/p.db');
const T = async (label: string, f: () => any) => { const c = process.cpuUsage(); const r = await f(); const d = process.cpuUsage(c); console.log(label.padEnd(20), ((d.user + d.system) / 1000).toFixed(0)); return r; };
for (let k = 0; k < 2; k++) {
const entities = await T('entities q', () => db.selectFrom('entity').select(['id', 'kind', 'name']).where('merged_into', 'is', null).where('kind', 'in', ['person', 'organisation']).execute());
const aliases = await T('aliases q', () => db.selectFrom('entity_alias').select(['entity_id', 'alias', 'alias_norm']).execute());
const named = await T('build', () => { const by = new Map<number, string[]>(); const norms = new Map<string, string>(); for (const a of aliases) { norms.set(a.alias, a.alias_norm); const l = by.get(a.entity_id); if (l) l.push(a.alias); else by.set(a.entity_id, [a.alias]); } return entities.map((e: any) => ({ ...e, aliases: by.get(e.id) ?? [], norms, seenAsPerson: true })); });
await T('merges', () => suggestMerges(named, () => true));
const ids = (await db.selectFrom('source').select('id').execute()).map((r) => r.id);
await T('touching', async () => { const out = new Set(); for (let i = 0; i < ids.length; i += 500) { const part = ids.slice(i, i + 500); for (const r of await db.selectFrom('mention').select('entity_id').distinct().where('source_id', 'in', part).execute()) out.add(r.entity_id); for (const r of await db.selectFrom('claim').select('speaker_entity_id').distinct().where('speaker_entity_id', 'is not', null).where('source_id', 'in', part).execute()) out.add(r.speaker_entity_id); } return out; });
const ments = await T('mentions all', () => db.selectFrom('mention').select(['entity_id', 'source_id', 'start', 'end']).execute());
const texts = new Map<number, string>((await T('texts', () => db.selectFrom('source').select(['id', 'text']).execute())).map((r: any) => [r.id, r.text]));
const multi = new Set(named.filter((e: any) => e.kind === 'person' && normaliseAlias(e.name).includes(' ')).map((e: any) => e.id));
const ms = ments.filter((m: any) => multi.has(m.entity_id));
console.log('target mentions', ms.length);
const sents = await T('sentences', () => { const seen = new Map(); for (const m of ms) { const t = texts.get(m.source_id)!; const s = sentenceAround(t, m.start, m.end); const key = `${m.source_id}:${s.start}`; if (!seen.has(key)) seen.set(key, t.slice(s.start, s.end)); } return seen; });
console.log('sentences', sents.size);
await T('places', () => { let n = 0; for (const s of sents.values()) if (/\p{Lu}[\p{L}'’.-]* (and|&) \p{Lu}/u.test(s)) n += findPlaceNames(s).length; return n; });
}
