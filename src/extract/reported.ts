import type { Span } from '../core/span.js';
import { REPORTING_CUES } from './lexicon.js';
import { type Attribution, type SpeakerContext, cuesIn, findSubjectOfCue, rememberSpeaker } from './speakers.js';

// how far before its cue a subject is looked for: bounded, so a long sentence of cues stays linear
const MAX_SUBJECT_REACH = 250;
// content is trimmed at both ends, so four words are three runs of whitespace with words between
const HAS_FOUR_WORDS = /\s\S+\s+\S+\s/;

/** Indirect speech: "Masroor said after October 7 he was …", "X claimed that …". */
export interface ReportedSpeech {
  start: number;
  end: number;
  attribution: Attribution;
}

// After "told": the hearer, which is not part of what was said ("told the JC there was …").
const TOLD_OBJECT =
  /^\s+(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\p{L}’'.-]*|&)\s+)*?(?:[A-Z][\p{L}’'.-]*|him|her|them|us|me|reporters|journalists|parliament|MPs|the\s+\w+)(?=\s)/u;

/** Reported speech in each sentence, with the subject of its cue as speaker. Content never starts with a quote mark. */
export function extractReportedSpeech(ctx: SpeakerContext, sentences: Span[]): ReportedSpeech[] {
  const { text } = ctx;
  const out: ReportedSpeech[] = [];
  for (const s of sentences) {
    for (const hit of cuesIn(ctx, s.start, s.end)) {
      if (!REPORTING_CUES.has(hit.cue) || (/^add/.test(hit.cue) && !/^\s+that\s/.test(text.slice(hit.end, hit.end + 6)))) continue;
      const m = [hit.cue];
      const cueStart = hit.start;
      const cueEnd = hit.end;
      // `"…," Ahmed said`: the frame of a direct quote, not reported speech
      if (/[”"]\s*[,–—]?\s*(?:\S+\s+){0,5}$/.test(text.slice(Math.max(s.start, cueStart - 60), cueStart))) continue;
      let start = cueEnd;
      if (/^(?:told|tells)$/.test(m[0])) start += TOLD_OBJECT.exec(text.slice(start, s.end))?.[0].length ?? 0;
      const that = /^\s+that(?=\s)/.exec(text.slice(start, s.end));
      if (that) start += that[0].length;
      while (start < s.end && /\s/.test(text[start])) start++;
      let end = s.end;
      while (end > start && /[\s.!?,;:]/.test(text[end - 1])) end--;
      const content = text.slice(start, end);
      if (/^[:“"‘'(,]/.test(content) || /^[:]/.test(text.slice(cueEnd).trimStart())) continue;
      if (!HAS_FOUR_WORDS.test(content)) continue; // content.split(/\s+/).length >= 4, without the array
      const attribution = findSubjectOfCue(ctx, Math.max(s.start, cueStart - MAX_SUBJECT_REACH), cueStart, m[0]);
      if (!attribution?.speaker) continue;
      out.push({ start, end, attribution });
      rememberSpeaker(ctx, attribution);
      break; // one reported claim per sentence
    }
  }
  return out;
}
