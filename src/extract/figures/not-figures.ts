// Numbers that are not figures: years, dates, times, ordinals, names with numbers, list numbering, scores.
import { MONTHS } from '../lexicon.js';

/** Nouns before a number that make it a name or reference ("Article 50", "route 66", "chapter 11", "top 20"). */
const NAMING_NOUNS = new Set([
  'website', 'channel', 'number', 'no', 'no.', 'nos', 'nos.', 'route', 'flight', 'room', 'page', 'pages', 'article', 'section', 'chapter',
  'version', 'episode', 'season', 'series', 'level', 'grade', 'stage', 'phase', 'step', 'line', 'platform', 'gate', 'category',
  'division', 'tier', 'band', 'class', 'type', 'model', 'size', 'clause', 'paragraph', 'rule', 'amendment', 'resolution', 'act',
  'bill', 'track', 'album', 'volume', 'vol', 'vol.', 'issue', 'part', 'stand', 'junction', 'exit', 'terminal', 'highway', 'interstate',
  'figure', 'fig', 'fig.', 'table', 'box', 'unit', 'apartment', 'flat', 'suite', 'floor', 'bus', 'train', 'match', 'game', 'week',
  'day', 'round', 'hole', 'lap', 'leg', 'race', 'heat', 'rank', 'ranked', 'postcode', 'zip', 'code', 'item', 'question', 'q',
  'district', 'ward', 'precinct', 'region', 'zone', 'sector', 'block', 'lot', 'plot', 'row', 'seat', 'shirt', 'jersey', 'lane',
  'street', 'avenue', 'road', 'sonnet', 'psalm', 'verse', 'op', 'op.', 'opus', 'k', 'k.', 'top', 'drama', 'windows',
]);
const LAST_WORD = /([A-Za-z]+\.?)\s+$/;

/** The word right before the number names it: "Article 50", "route 66", "top 20". */
export function isNamingNounBefore(before: string): boolean {
  const w = LAST_WORD.exec(before)?.[1];
  return !!w && NAMING_NOUNS.has(w.toLowerCase());
}
/** A capitalised name before a number: "Windows 10", "Voyager 2", "FTSE 100", "Boeing 747", "English 101". */
const NAME_BEFORE = /(?:^|[^\p{L}])(\p{Lu}[\p{L}\p{N}]*|[\p{Ll}]+\p{Lu}[\p{L}\p{N}]*)\s$/u;
/** Capitalised words that open a sentence or qualify a number, never a name with a number. */
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'Some', 'About', 'Around', 'Over', 'Under', 'Nearly', 'Almost', 'Only', 'Just', 'More', 'Fewer', 'Less',
  'Another', 'Those', 'These', 'All', 'With', 'By', 'In', 'On', 'At', 'For', 'To', 'From', 'Of', 'And', 'But', 'Its', 'Their',
  'His', 'Her', 'Our', 'My', 'Your', 'Up', 'Down', 'Roughly', 'Approximately', 'Exactly', 'Still', 'Now', 'Then', 'Since',
  'Until', 'After', 'Before', 'Between', 'Within', 'Than', 'Of', 'Estimated', 'Total', 'Barely', 'Some', 'Circa', 'Top',
  'Minus', 'Plus', 'Each', 'Every', 'Like', 'Are', 'Is', 'Was', 'Were', 'Had', 'Has', 'Have', 'Perhaps', 'Maybe', 'While',
  'When', 'Where', 'If', 'As', 'Or', 'Nor', 'So', 'Yet', 'Also', 'Even', 'Last', 'Next', 'First', 'Why', 'How', 'What',
  'Who', 'It', 'He', 'She', 'They', 'We', 'I', 'You', 'That', 'This', 'Tuesday', 'Monday', 'Wednesday', 'Thursday',
  'Friday', 'Saturday', 'Sunday', 'Mr', 'Mrs', 'Ms', 'Dr', 'Over', 'Below', 'Above', 'Beyond', 'Upwards', 'Nearly',
  'Aged', 'Age', 'Ages', 'Cost', 'Costs', 'Price', 'Prices', 'Pay', 'Paid', 'Got', 'Get', 'Gets', 'Won', 'Lost', 'Scored',
  'Says', 'Said', 'Say', 'Just', 'Per', 'Worth', 'Record', 'Earned', 'Raised', 'Sold', 'Bought', 'Made', 'Saw', 'See',
]);

/** A name or model with a number ("iPhone 15", "FTSE 100"): a capitalised or camel-case word right before it. */
export function isNamedNumber(before: string, sentenceStart: boolean): boolean {
  const m = NAME_BEFORE.exec(before);
  if (!m) return false;
  const word = m[1];
  if (NOT_NAMES.has(word) || MONTHS.has(word.toLowerCase())) return false;
  // a capitalised word opening the sentence is just a capitalised word ("Some 300"), unless it is camel case or caps
  if (sentenceStart && !/\p{Lu}/u.test(word.slice(1))) return false;
  return true;
}

/** The previous word opens a sentence: nothing but spaces or opening punctuation before it in `before`. */
export function startsSentence(before: string, wordLength: number): boolean {
  const rest = before.slice(0, Math.max(0, before.length - wordLength - (wordLength ? 1 : 0))).trimEnd();
  // after a colon comes a list or a label ("Goals: Bowyer 35, Dyer 69"), not a new sentence
  return rest === '' || /[.!?"“‘(]$/.test(rest);
}

const YEAR_COUNT_NOUN = /^(?:votes|people|seats|jobs|members|voters|homes|deaths|cases|times|pounds|dollars|euros|units|copies|users|staff|workers|miles|km|metres|feet|tonnes|cars|fans|households|children|students|troops|calories|acres|hectares)$/;

/** Years ("in 2014"), dates ("October 7", "25 December", "May 4th"), decades ("the 1960s"). */
export function isDateOrYear(num: string, before: string, after: string): boolean {
  const prevWord = /([\p{L}]+)\.?\s+$/u.exec(before)?.[1]?.toLowerCase();
  const nextWord = /^(?:st|nd|rd|th)?,?\s+([\p{L}]+)/u.exec(after)?.[1]?.toLowerCase();
  if (prevWord && MONTHS.has(prevWord) && prevWord !== 'may' && prevWord !== 'march' && /^\d{1,4}$/.test(num)) return true;
  if ((prevWord === 'may' || prevWord === 'march') && /^\d{1,2}$/.test(num) && /^\p{Lu}/u.test(/([\p{L}]+)\.?\s+$/u.exec(before)?.[1] ?? '')) return true;
  if (nextWord && MONTHS.has(nextWord) && nextWord !== 'may' && /^\d{1,2}$/.test(num)) return true;
  if (nextWord === 'may' && /^\d{1,2}$/.test(num) && /^(?:st|nd|rd|th)?,?\s+May/.test(after)) return true;
  if (/^(?:1[5-9]|20)\d\d$/.test(num)) {
    if (/^s\b/.test(after) || /^'s\b/.test(after)) return true; // "the 1960s"
    return !(nextWord && YEAR_COUNT_NOUN.test(nextWord));
  }
  if (/^'?\d0s\b/.test(num + after.slice(0, 3)) && /^s\b/.test(after)) return true; // "the 90s"
  return false;
}

/** Clock times: "10:30", "5pm", "5 p.m.", "10 o'clock", "0900 GMT". */
export function isTime(after: string): boolean {
  return /^(?::\d\d|\s?(?:[ap]\.?m\.?|o'clock|o’clock|GMT|BST|EST|EDT|PST|PDT|CET|UTC|ET|PT|hrs\s+(?:GMT|local)))(?![\p{L}])/iu.test(after);
}

/** "100% certain" is emphasis, not a statistic. */
export const INTENSIFIER_AFTER = /^\s+(?:sure|certain|confident|committed|behind|right|correct|true|fit|focused|convinced|happy|serious|genuine|honest|safe|clear|guaranteed|accurate|positive|effort|proof|legit|fine)\b/;

/** A list item's number at the start of a paragraph: "1. Preheat…", "2) The…". */
export function isListNumber(before: string, after: string): boolean {
  return /^\s*$/.test(before) && /^[.)]\s/.test(after);
}
