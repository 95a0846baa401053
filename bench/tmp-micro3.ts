import { openDatabase } from '../src/storage/connect.js';
import { contextWindow } from '../src/crossref/text-context.js';
import { figureFeatures, matchFigures, compareFigures } from '../src/crossref/match-figures.js';
const db = await openDatabase('/tmp/ctprof/p.db');
const rows = await db.selectFrom('claim').select(['id', 'source_id', 'exact', 'start', 'end', 'value', 'unit', 'qualifier', 'subject']).where('kind', '=', 'figure').where('value', 'is not', null).where('anchor_status', '=', 'anchored').execute();
const texts = new Map<number, string>((await db.selectFrom('source').select(['id', 'text']).execute()).map((r: any) => [r.id, r.text]));
const mk = () => { const cache = new Map(); return rows.map((r) => { const text = texts.get(r.source_id)!; const cw = contextWindow(text, r.start, r.end); return figureFeatures({ id: r.id, sourceId: r.source_id, exact: r.exact, value: r.value!, unit: r.unit, qualifier: r.qualifier, subject: r.subject, sentence: text.slice(cw.sentence.start, cw.sentence.end), window: text.slice(cw.window.start, cw.window.end) }, cache); }); };
for (let k = 0; k < 3; k++) { const c = process.cpuUsage(); const f = mk(); const d = process.cpuUsage(c); const c2 = process.cpuUsage(); const out = matchFigures(f, () => true); const d2 = process.cpuUsage(c2); console.log('features', ((d.user + d.system) / 1000).toFixed(0), 'match', ((d2.user + d2.system) / 1000).toFixed(0), out.length); }
