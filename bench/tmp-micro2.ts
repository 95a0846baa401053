import { openDatabase } from '../src/storage/connect.js';
import { matchQuotes, quoteShingles } from '../src/crossref/match-quotes.js';
import { quoteWords } from '../src/crossref/text-context.js';
const db = await openDatabase('/tmp/ctprof/p.db');
const rows = await db.selectFrom('claim').select(['id', 'source_id', 'exact', 'speaker_entity_id', 'speaker_name']).where('kind', '=', 'quote').where('anchor_status', '=', 'anchored').execute();
const quotes = rows.map((r) => ({ id: r.id, sourceId: r.source_id, exact: r.exact, speakerEntityId: r.speaker_entity_id, speakerName: r.speaker_name }));
const idx = new Map<string, number>(); let nsh = 0;
for (const q of quotes) for (const k of quoteShingles(q.exact)) { idx.set(k, (idx.get(k) ?? 0) + 1); nsh++; }
let pairs = 0; for (const n of idx.values()) if (n <= 25) pairs += n * (n - 1) / 2;
console.log('quotes', quotes.length, 'shingles', nsh, 'distinct', idx.size, 'bucket pairs<=25', pairs, 'words', quotes.reduce((n, q) => n + quoteWords(q.exact).length, 0));
for (let k = 0; k < 3; k++) { const c = process.cpuUsage(); const out = matchQuotes(quotes, () => true); const d = process.cpuUsage(c); console.log('matchQuotes', ((d.user + d.system) / 1000).toFixed(0), 'ms', out.length); }
