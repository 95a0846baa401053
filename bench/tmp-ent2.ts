import { openDatabase } from '../src/storage/connect.js';
import { suggestMerges } from '../src/crossref/entities-merge.js';
const db = await openDatabase('/tmp/ctprof/p.db');
const entities = await db.selectFrom('entity').select(['id', 'kind', 'name']).where('merged_into', 'is', null).where('kind', 'in', ['person', 'organisation']).execute();
const aliases = await db.selectFrom('entity_alias').select(['entity_id', 'alias', 'alias_norm']).execute();
const by = new Map<number, string[]>(); const norms = new Map<string, string>(); for (const a of aliases) { norms.set(a.alias, a.alias_norm); const l = by.get(a.entity_id); if (l) l.push(a.alias); else by.set(a.entity_id, [a.alias]); }
const named = entities.map((e: any) => ({ ...e, aliases: by.get(e.id) ?? [], norms, seenAsPerson: true }));
for (let k = 0; k < 5; k++) { const c = process.cpuUsage(); const r = suggestMerges(named, () => true); const d = process.cpuUsage(c); console.log(((d.user + d.system) / 1000).toFixed(0), r.length); }
import { normaliseAlias } from '../src/core/names.js';
const idx = new Map<string, number>();
for (const e of named) { const forms = new Set([e.name, ...e.aliases].map((a: string) => norms.get(a) ?? normaliseAlias(a))); for (const n of forms) { const w = n.split(' '); if (w.length < 2) continue; for (let i = 0; i < w.length; i++) { const k = `${e.kind}|${w.length}|${i}|${w.slice(0, i).join(' ')}|${w.slice(i + 1).join(' ')}|${w[i][0]}`; idx.set(k, (idx.get(k) ?? 0) + 1); } } }
const sizes = [...idx.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8); console.log(idx.size, sizes);
