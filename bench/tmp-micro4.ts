import { openDatabase } from '../src/storage/connect.js';
import { contextWindow, sentenceAround } from '../src/crossref/text-context.js';
const db = await openDatabase('/tmp/ctprof/p.db');
const rows = await db.selectFrom('claim').select(['source_id', 'start', 'end']).where('kind', '=', 'figure').execute();
const texts = new Map<number, string>((await db.selectFrom('source').select(['id', 'text']).execute()).map((r: any) => [r.id, r.text]));
let chars = 0;
for (let k = 0; k < 4; k++) { const c = process.cpuUsage(); let n = 0; for (const r of rows) { const t = texts.get(r.source_id)!; const s = contextWindow(t, r.start, r.end); n += s.window.end - s.window.start; } const d = process.cpuUsage(c); chars = n; console.log('contextWindow', rows.length, ((d.user + d.system) / 1000).toFixed(0), 'ms', chars); }
const t0 = texts.get(rows[0].source_id)!; console.log(JSON.stringify(t0.slice(0, 300)));
