import { openDatabase } from '../src/storage/connect.js';
import { sentenceAround } from '../src/crossref/text-context.js';
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'sir', 'prof', 'rev', 'gen', 'col', 'lt', 'sgt', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'jr', 'sr', 'mt']);
function isBoundaryAt(text: string, i: number): boolean {
  const ch = text[i]; if (ch === '\n') return true; if (ch !== '.' && ch !== '!' && ch !== '?') return false;
  let j = i + 1; while (j < text.length && /["'”’)\]]/.test(text[j])) j++; if (j < text.length && !/\s/.test(text[j])) return false;
  if (ch === '.') { const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(0, i - 6), i))?.[1]?.toLowerCase(); if (word && (ABBREVIATIONS.has(word) || word.length === 1)) return false; }
  return true;
}
function old(text: string, start: number, end: number) {
  let s = start; const minS = Math.max(0, start - 600); while (s > minS && !isBoundaryAt(text, s - 1)) s--;
  let e = Math.max(end, start); const maxE = Math.min(text.length, end + 600); while (e < maxE && !isBoundaryAt(text, e)) e++;
  if (e < text.length && text[e] !== '\n') { e++; while (e < text.length && /["'”’)\]]/.test(text[e])) e++; }
  while (s < e && /\s/.test(text[s])) s++; while (e > s && /\s/.test(text[e - 1])) e--; return { start: s, end: e };
}
const db = await openDatabase('/tmp/ctprof/p.db');
const texts = (await db.selectFrom('source').select(['text']).limit(300).execute()).map((r) => r.text);
let bad = 0, n = 0;
for (const t of texts) for (let k = 0; k < 200; k++) { const a = Math.floor(Math.random() * (t.length + 1)); const b = Math.min(t.length, a + Math.floor(Math.random() * 40)); const x = old(t, a, b), y = sentenceAround(t, a, b); n++; if (x.start !== y.start || x.end !== y.end) { if (bad++ < 5) console.log(a, b, x, y, JSON.stringify(t.slice(a - 20, b + 20))); } }
for (const t of ['', 'a', 'Hello.', '.', 'x.\n\ny']) for (let a = 0; a <= t.length; a++) for (let b = a; b <= t.length; b++) { const x = old(t, a, b), y = sentenceAround(t, a, b); n++; if (x.start !== y.start || x.end !== y.end) { bad++; console.log(JSON.stringify(t), a, b, x, y); } }
console.log('checked', n, 'bad', bad);
