import { findPlaceNames, placeNamesConflict, spellingVariant, suggestMerges } from '../../src/crossref/entities-merge.js';
import { compareFigures, figureFeatures, figureRange, unitsCompatible, valueRatio } from '../../src/crossref/match-figures.js';
import { compareQuotes, type QuoteClaim } from '../../src/crossref/match-quotes.js';
import { contextWindow, nameKeys } from '../../src/crossref/text-context.js';
import { diffWords } from '../../src/crossref/word-diff.js';

// Real sentences from the seed corpus (002 = TMV election alliance, 003 = MEE Perry Barr).
const S002_528 =
  "The group, however, identified six seats in which vote splitting between candidates with similar platforms allowed Labour to win seats: Ilford North, Bethnal Green and Bow.\nThe most dramatic of these was the Ilford North race, where independent British-Palestinian candidate Leanne Mohamad came within 528 votes of costing Labour's Wes Streeting his seat. Streeting is now health minister.";
const S003_528 =
  'Meanwhile, in Holborn and St Pancras, Starmerheld his London seat but with asignificantly decreased majority- down 17 percent from the last election - whilst in Ilford North, shadow health secretary Wes Streeting saw his majority fall from more than 9,000 in 2019 to just 528 against 23-year-oldLeanne Mohamad.';
const S002_38K =
  "After Israel's war on Gaza began, The Muslim Vote (TMV) gained notoriety and set out to discredit Labour for its leadership's early backing of Israel's military operation, which has resulted in the deaths of at least 38,000 Palestinians.";
const S003_38K =
  "Israel's war on Gaza, now nearing its tenth month,has destroyed large swaths of the besieged territory.\n\nMore than 38,000 people have been killed, the great majority of them women and children.";
const S003_507 = 'And in Birmingham Perry Barr, independentAyoub Khandefeated Labour incumbent Khalid Mahmood, who had held the seat since 2001, by 507 votes.';

let nextId = 1;
function fig(
  sourceId: number,
  text: string,
  exact: string,
  value: number,
  unit: string,
  qualifier: string | null,
  subject: string | null = null,
  valueMax: number | null = null,
) {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" not in text`);
  const end = start + exact.length;
  const cw = contextWindow(text, start, end);
  return figureFeatures({
    id: nextId++,
    sourceId,
    exact,
    value,
    valueMax,
    unit,
    qualifier,
    subject,
    sentence: text.slice(cw.sentence.start, cw.sentence.end),
    window: text.slice(cw.window.start, cw.window.end),
  });
}

// Two outlets on one oil deal: a range in one, a single value (inside or outside it) in the other.
const RANGE_A =
  'Rosneft and CNPC of China agreed a loan, and Yukos creditors in Moscow said the Chinese deal was worth $5.2bn to $6.4bn for the Yuganskneftegaz unit.';
const SINGLE_IN = 'Rosneft and CNPC of China agreed the Yuganskneftegaz loan, and Yukos creditors in Moscow put the Chinese deal at $5.8bn.';
const SINGLE_OUT = 'Rosneft and CNPC of China agreed the Yuganskneftegaz loan, and Yukos creditors in Moscow put the Chinese deal at $8.3bn.';

describe('figure rules', () => {
  test.each([
    ['at least', 38000, [38000, Infinity]],
    ['more than', 38000, [38000, Infinity]],
    ['just', 528, [528, 528]],
    [null, 528, [528, 528]],
    ['almost', 70000, [63000, 70000]],
  ])('qualifier %s %d gives a range', (q, v, [lo, hi]) => {
    const r = figureRange(v as number, q as string | null);
    expect([r.low, r.high]).toEqual([lo, hi]);
  });

  test.each([
    [null, 5, 6, [5, 6]],
    ['up to', 5, 6, [0, 6]],
    ['more than', 5, 6, [5, Infinity]],
  ])('qualifier %s on the range %d to %d', (q, v, max, [lo, hi]) => {
    const r = figureRange(v as number, q as string | null, max as number);
    expect([r.low, r.high]).toEqual([lo, hi]);
  });

  test.each([
    [5, 6, 5.5, null, 1],
    [5, 6, 8, null, 0.75],
    [10, null, 8, 9, 0.9],
    [4, null, 5, null, 0.8],
  ])('values %d–%s and %d–%s are %d apart', (a, aMax, b, bMax, ratio) => {
    expect(valueRatio(a as number, aMax as number | null, b as number, bMax as number | null)).toBeCloseTo(ratio as number);
  });

  test('ranges compare as ranges: a value inside agrees, one outside does not', () => {
    const range = fig(1, RANGE_A, '$5.2bn to $6.4bn', 5.2e9, 'USD', null, null, 6.4e9);
    expect(compareFigures(range, fig(2, SINGLE_IN, '$5.8bn', 5.8e9, 'USD', null))?.kind).toBe('agree');
    expect(compareFigures(range, fig(3, SINGLE_OUT, '$8.3bn', 8.3e9, 'USD', null))?.kind).toBe('conflict');
  });

  test('measures never pair with bare counts; people, votes and seats may', () => {
    expect(unitsCompatible('count', 'kilometre')).toBe(false);
    expect(unitsCompatible('count', 'votes')).toBe(true);
    expect(unitsCompatible('fraction', 'count')).toBe(false);
  });

  test.each([
    [
      '528 votes (002) and just 528 (003) about Ilford North agree',
      fig(1, S002_528, '528 votes', 528, 'votes', null, 'votes'),
      fig(2, S003_528, '528', 528, 'count', 'just'),
      'agree',
    ],
    [
      'at least 38,000 Palestinians and more than 38,000 people agree',
      fig(1, S002_38K, '38,000 Palestinians', 38000, 'people', 'at least', 'Palestinians'),
      fig(2, S003_38K, '38,000 people', 38000, 'people', 'more than', 'people'),
      'agree',
    ],
    [
      '538 votes about the same race conflicts with 528',
      fig(1, S002_528, '528 votes', 528, 'votes', null),
      fig(2, 'In Ilford North, Wes Streeting held on by 538 votes over Leanne Mohamad.', '538 votes', 538, 'votes', null),
      'conflict',
    ],
    [
      'a 2019 majority of more than 9,000 is another fact, not a conflict',
      fig(1, S002_528, '528 votes', 528, 'votes', null),
      fig(2, S003_528, '9,000', 9000, 'count', 'more than'),
      null,
    ],
    [
      'Perry Barr 507 is another race than Ilford North 528',
      fig(1, S002_528, '528 votes', 528, 'votes', null),
      fig(2, S003_507, '507 votes', 507, 'votes', null),
      null,
    ],
    [
      'a percentage never pairs with a vote count',
      fig(1, S002_528, '528 votes', 528, 'votes', null),
      fig(2, 'In Ilford North, Wes Streeting won 528 percent.', '528 percent', 528, 'percent', null),
      null,
    ],
    [
      'the same figure in one source is not cross-referenced',
      fig(1, S002_528, '528 votes', 528, 'votes', null),
      fig(1, S003_528, '528', 528, 'count', 'just'),
      null,
    ],
  ])('%s', (_name, a, b, expected) => {
    expect(compareFigures(a, b)?.kind ?? null).toBe(expected);
  });

  test('names glued by the scraper are still found', () => {
    expect(nameKeys(S003_528).has('leanne mohamad')).toBe(true);
    expect(nameKeys("costing Labour's Wes Streeting his seat").has('wes streeting')).toBe(true);
  });
});

describe('quote rules', () => {
  const q = (id: number, sourceId: number, exact: string, speakerName: string | null, speakerEntityId: number | null = null): QuoteClaim => ({
    id,
    sourceId,
    exact,
    speakerName,
    speakerEntityId,
  });
  // 004 quotes Muddassar Ahmed twice: the short and the long cut of one line
  const short = "not asking for favours, it's asking for fairness";
  const long = "not asking for favours, it's asking for fairness – fairness for everyone";
  const qayum = 'There’s about five people who own all of our media. Those five people happen to be right wing';
  test.each([
    [
      'identical words, same speaker → corroborates',
      q(1, 1, short, 'Muddassar Ahmed', 7),
      q(2, 2, short.replace("'", '’'), 'Muddassar Ahmed', 7),
      'corroborates',
    ],
    ['a longer cut of the same words → variant_of', q(1, 1, short, 'Muddassar Ahmed', 7), q(2, 2, long, 'Muddassar Ahmed', 7), 'variant_of'],
    ['same words, another speaker → contradicts (misattribution)', q(1, 1, qayum, 'Azhar Qayum', 3), q(2, 2, qayum, 'Anas Altikriti', 4), 'contradicts'],
    ['surname only and full name are one speaker', q(1, 1, qayum, 'Qayum', 3), q(2, 2, qayum, 'Azhar Qayum', 9), 'corroborates'],
    ['unknown speaker on one side still corroborates', q(1, 1, qayum, null), q(2, 2, qayum, 'Azhar Qayum', 9), 'corroborates'],
    ['unrelated quotes do not link', q(1, 1, short, 'Muddassar Ahmed'), q(2, 2, qayum, 'Azhar Qayum'), null],
    ['same source is never linked', q(1, 1, short, 'Muddassar Ahmed'), q(2, 1, short, 'Muddassar Ahmed'), null],
  ])('%s', (_name, a, b, expected) => {
    expect(compareQuotes(a, b)?.relation ?? null).toBe(expected);
  });

  test('word diff shows what one cut adds', () => {
    expect(diffWords(short, long)).toEqual([
      { op: 'same', text: "not asking for favours, it's asking for fairness" },
      { op: 'added', text: '– fairness for everyone' },
    ]);
    expect(diffWords('we won 528 votes', 'we won 538 votes')).toEqual([
      { op: 'same', text: 'we won' },
      { op: 'removed', text: '528' },
      { op: 'added', text: '538' },
      { op: 'same', text: 'votes' },
    ]);
  });
});

describe('entity rules', () => {
  test.each([
    ['azhar qayum', 'azhar qauyum', true],
    ['kier', 'keir', true],
    ['keir starmer', 'kier starmer', true],
    ['green', 'greens', false],
    ['leanne mohamad', 'iqbal mohamed', false],
    ['ali', 'ari', false],
  ])('%s / %s spelling variant: %s', (a, b, expected) => {
    expect(spellingVariant(a, b) !== null).toBe(expected);
  });

  test('merge suggestions: Qayum/Qauyum and Kier/Keir, but not a one-letter change in a lone word', () => {
    const found = suggestMerges(
      [
        { id: 1, kind: 'person', name: 'Azhar Qayum', aliases: ['Qayum'] },
        { id: 2, kind: 'person', name: 'Azhar Qauyum', aliases: ['Qauyum'] },
        { id: 3, kind: 'person', name: 'Kier', aliases: [] },
        { id: 4, kind: 'person', name: 'Keir', aliases: [] },
        { id: 5, kind: 'person', name: 'Gates', aliases: [] },
        { id: 6, kind: 'person', name: 'Games', aliases: [] },
        { id: 7, kind: 'organisation', name: 'ADSL', aliases: [] },
        { id: 8, kind: 'organisation', name: 'ADSS', aliases: [] },
      ],
      () => true,
    );
    expect(found.map((f) => [f.entityA, f.entityB]).sort()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test('a lone misspelt name reaches the full name whose first name it swaps ("Sir Kier" → Keir Starmer), but two full names are not joined by their first names', () => {
    const found = suggestMerges(
      [
        { id: 1, kind: 'person', name: 'Keir Starmer', aliases: ['Keir', 'Sir Keir'] },
        { id: 2, kind: 'person', name: 'Kier', aliases: ['Sir Kier'] },
        { id: 3, kind: 'person', name: 'Kier Smith', aliases: ['Kier'] },
      ],
      () => true,
    );
    expect(found.map((f) => [f.entityA, f.entityB, f.labelA, f.labelB])).toEqual([[1, 2, 'Keir Starmer', 'Kier']]);
  });

  test.each([
    ['TMV is also campaigning for imam Ajmal Masroor, who is challenging Labour’s Rushanara Ali in Bethnal Green and Bow.', ['bethnal green and bow']],
    ['In Bethnal Green and Stepney, independent candidate Ajmal Masroor came second, just 1,689 votes short of winning.', ['bethnal green and stepney']],
    [
      "such as in Bethnal Green & Bow, where Labour's Rushanara Ali is facing a challenge from independent candidate Imam Ajmal Masroor.",
      ['bethnal green and bow'],
    ],
    ['Ilford North, Birmingham Yardley, and Birmingham Ladywood were named.', []],
  ])('place names in "%s"', (sentence, expected) => {
    expect(findPlaceNames(sentence).map((p) => p.norm)).toEqual(expected);
  });

  test.each([
    ['bethnal green and bow', 'bethnal green and stepney', true],
    ['bethnal green and bow', 'bethnal green and bow', false],
    ['bethnal green', 'bethnal green and bow', false],
    ['dewsbury and batley', 'batley and spen', false],
  ])('%s vs %s conflict: %s', (a, b, expected) => {
    expect(placeNamesConflict(a, b) !== null).toBe(expected);
  });
});
