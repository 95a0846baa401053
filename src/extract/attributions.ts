import type { Span } from '../core/span.js';
import { overlapsAny } from './speakers.js';

/** A finding attributed to a body or document: "a Sky TV analysis found that …", "according to …". */
export interface AttributedFinding {
  start: number;
  end: number;
  /** the attributed body, e.g. "Sky TV analysis" */
  source: string;
  cue: string;
  confidence: number;
}

const FINDING_RE =
  /(?<![\p{L}])(?:(?:a|an|the|A|An|The)\s+)?((?:[\p{L}\p{N}’'&-]+\s+){0,5}?(?:analysis|poll|survey|study|report|research|review|investigation|audit|census|inquiry|figures|data|statistics|estimates|paper|assessment))(?:\s+(?:of|by|for|from|into|on)\s+[^,.;]{1,60}?)?\s+((?:has\s+|had\s+|have\s+)?(?:found|finds|revealed|reveals|showed|shows|shown|suggested|suggests|concluded|concludes|estimated|estimates|indicated|indicates|predicted|predicts|put|puts))\s+(?:that\s+)?/gu;
const ACCORDING_RE = /(?<![\p{L}])(?:,\s*)?[Aa]ccording to\s+((?:[^,.;]|\.(?=\d))+)/gu;
const FINDING_VERB =
  /\b(?:found|finds|revealed|reveals|showed|shows|shown|suggested|suggests|concluded|concludes|estimated|estimates|indicated|indicates|predicted|predicts|put|puts)\b/;
const CHEAP_CHECK =
  /\b(?:found|finds|revealed|reveals|showed|shows|shown|suggested|suggests|concluded|concludes|estimated|estimates|indicated|indicates|predicted|predicts|put|puts|[Aa]ccording)\b/g;
const FILLER = /^(?:(?:recent|new|latest|last|separate|fresh|major|independent|official|previous|forthcoming|leaked|its|his|her|their)\s+)+/i;

/** Findings and "according to" attributions, one per sentence at most. */
export function extractAttributions(text: string, sentences: Span[], quoted: Span[] = []): AttributedFinding[] {
  const out: AttributedFinding[] = [];
  const verbAt: number[] = [];
  for (const v of text.matchAll(CHEAP_CHECK)) verbAt.push(v.index);
  if (!verbAt.length) return out;
  let k = 0;
  for (const s of sentences) {
    while (k < verbAt.length && verbAt[k] < s.start) k++;
    if (k >= verbAt.length) break;
    if (verbAt[k] >= s.end) continue; // no finding verb or "according" in this sentence
    const sentence = text.slice(s.start, s.end);
    const inQuote = (at: number): boolean => overlapsAny(quoted, at, at + 1);
    const f = FINDING_VERB.test(sentence) ? firstMatch(FINDING_RE, sentence) : null;
    if (f && !inQuote(s.start + f.index)) {
      let start = s.start + f.index + f[0].length;
      let end = s.end;
      while (end > start && /[\s.!?,;:]/.test(text[end - 1])) end--;
      while (start < end && /\s/.test(text[start])) start++;
      const source = cleanSource(f[1]);
      if (end - start > 10 && source.split(' ').length >= 1) {
        out.push({ start, end, source, cue: f[2].trim(), confidence: 0.7 });
        continue;
      }
    }
    const a = firstMatch(ACCORDING_RE, sentence);
    if (a && !inQuote(s.start + a.index)) {
      const phraseStart = s.start + a.index;
      const phraseEnd = phraseStart + a[0].length;
      const source = cleanSource(a[1].split(/\s+(?:who|which|that|when|published|released|posted)\s+/)[0]);
      let start: number;
      let end: number;
      if (phraseStart - s.start < 3) {
        start = phraseEnd;
        while (start < s.end && /[\s,]/.test(text[start])) start++;
        end = s.end;
      } else {
        start = s.start;
        end = phraseStart;
      }
      while (end > start && /[\s.!?,;:]/.test(text[end - 1])) end--;
      if (end - start > 10 && source) out.push({ start, end, source, cue: 'according to', confidence: 0.7 });
    }
  }
  return out;
}

function firstMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  const m = re.exec(s);
  re.lastIndex = 0;
  return m;
}

function cleanSource(raw: string): string {
  return raw
    .trim()
    .replace(/^(?:a|an|the)\s+/i, '')
    .replace(FILLER, '')
    .replace(/['’]s(?=\s)/g, '')
    .replace(/\s+/g, ' ');
}
