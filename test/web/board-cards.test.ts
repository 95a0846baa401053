import { buildBoardCards } from '../../src/web/board-cards.js';
import type { BoardClaimRow, BoardLinkRow, BoardSourceRow } from '../../src/storage/board.repository.js';
import type { OfficialMark } from '../../src/storage/reference.repository.js';

const textA = 'Turnout was low. Leanne Mohamad came within 357 votes of winning. Counting ended at dawn.';
const textB = 'She said: "We will keep going." Then she left.';
const source = (id: number, text: string): BoardSourceRow => ({ id, title: `T${id}`, outlet: null, published_at: null, url: null, text });
const claim = (id: number, sourceId: number, text: string, exact: string, kind = 'figure'): BoardClaimRow => {
  const start = text.indexOf(exact);
  return {
    id,
    source_id: sourceId,
    kind,
    exact,
    start,
    end: start + exact.length,
    speaker_name: null,
    speaker_entity_id: null,
    value: null,
    unit: null,
    qualifier: null,
    withdrawn_at: null,
  };
};
const link = (id: number, relation: BoardLinkRow['relation'], a: number, b: number): BoardLinkRow => ({
  id,
  relation,
  status: 'suggested',
  score: 0.8,
  reason: 'r',
  decided_by: null,
  decided_at: null,
  decision_note: null,
  claim_a: a,
  claim_b: b,
  created_at: '2024-01-01T00:00:00Z',
});

describe('buildBoardCards', () => {
  const claims = new Map([
    [1, claim(1, 10, textA, '357 votes')],
    [2, claim(2, 10, textA, 'Counting ended')],
    [3, claim(3, 20, textB, 'We will keep going.', 'quote')],
    [4, claim(4, 20, textB, 'Then she left', 'quote')],
  ]);
  const sources = new Map([
    [10, source(10, textA)],
    [20, source(20, textB)],
  ]);
  const mark: OfficialMark = {
    status: 'differs',
    official: 528,
    reported: 357,
    source: 'House of Commons Library',
    label: 'differs from official: reported 357, official 528',
    measure: 'majority',
    subject: 'Ilford North',
    context: null,
    unit: 'votes',
    dataset: 'd',
    licence: 'l',
    scope: 'sentence',
    confidence: 1,
  };

  test("cuts each side into its sentence around the claim, keeps the rows' order and adds the official mark", () => {
    const cards = buildBoardCards([link(7, 'contradicts', 1, 2), link(8, 'variant_of', 3, 4)], { claims, sources }, new Map([[1, mark]]));
    expect(cards.map((c) => c.id)).toEqual([7, 8]);
    expect(cards[0].a.sentence).toEqual({ before: 'Leanne Mohamad came within ', claim: '357 votes', after: ' of winning.' });
    expect(cards[0].a.official).toEqual({
      status: 'differs',
      official: 528,
      reported: 357,
      source: 'House of Commons Library',
      label: 'differs from official: reported 357, official 528',
    });
    expect(cards[0].b.official).toBeNull();
    expect(cards[0].a.source).toEqual({ id: 10, title: 'T10', outlet: null, published_at: null, url: null });
    expect('source_id' in cards[0].a.claim).toBe(false);
  });

  test('word differences only for quotes (variants, and contradicting quotes)', () => {
    const [figures, quotes] = buildBoardCards([link(7, 'contradicts', 1, 2), link(8, 'variant_of', 3, 4)], { claims, sources }, new Map());
    expect(figures.diff).toBeNull();
    expect(quotes.diff!.length).toBeGreaterThan(0);
    const [contradictingQuotes] = buildBoardCards([link(9, 'contradicts', 3, 4)], { claims, sources }, new Map());
    expect(contradictingQuotes.diff).not.toBeNull();
  });

  test('a link whose claim is gone is left out', () => {
    expect(buildBoardCards([link(7, 'contradicts', 1, 99), link(8, 'variant_of', 3, 4)], { claims, sources }, new Map()).map((c) => c.id)).toEqual([8]);
  });
});
