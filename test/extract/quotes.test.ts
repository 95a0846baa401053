import { claimsOf, body } from './helpers.js';

describe('direct quotes', () => {
  it.each([
    ['curly marks', '“This is a patently vile, Islamophobic briefing,” the group said in a statement.', ['This is a patently vile, Islamophobic briefing']],
    ['straight marks', '"We are deliberately not taking a view on Brexit," he said.', ['We are deliberately not taking a view on Brexit']],
    [
      'opened with “ and closed with "',
      '“Growing up I remember two Muslim approaches to elections. Neither were all that helpful," Ahmed told BuzzFeed News.',
      ['Growing up I remember two Muslim approaches to elections. Neither were all that helpful'],
    ],
    [
      'nested single quotes stay inside',
      '“This is a patently vile, Islamophobic briefing by a ‘senior Labour official’ to the Daily Mail,” the group said.',
      ['This is a patently vile, Islamophobic briefing by a ‘senior Labour official’ to the Daily Mail'],
    ],
    ['apostrophes are not quotes', 'Masroor said he supported Palestinians’ “right to resist occupation”. We don’t know.', ['right to resist occupation']],
    [
      'paragraphs collapsed by a scraper ("…remains. "He\'s…")',
      'Asked if he could return, he replied: "I have made my admiration for David very clear and it remains. "He\'s been a tremendous colleague, he\'s done a great job for us."',
      ['I have made my admiration for David very clear and it remains.', "He's been a tremendous colleague, he's done a great job for us."],
    ],
    [
      'a missing closing mark before "he said. "But…"',
      'He said: "He accepted that what he originally thought had not happened, he said. "But I think we should move on."',
      ['He accepted that what he originally thought had not happened, he said.', 'But I think we should move on.'],
    ],
    [
      'glued closing mark',
      'Khan resigned in May claiming that "they wanted to prevent me from speaking about Gaza."Campaigning on local issues, he won.',
      ['they wanted to prevent me from speaking about Gaza.'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(claimsOf(text, 'quote').map((c) => c.exact)).toEqual(expected);
  });

  it('marks a fragment inside a sentence as partial', () => {
    const [q] = claimsOf('Chris Williamson was described as a “Jew baiter” by the then-chair of the Jewish Labour Movement in 2018.', 'quote');
    expect(q.exact).toBe('Jew baiter');
    expect(q.partial).toBe(true);
  });

  it.each([
    ['a name introduced by "called"', 'Website called ‘The Muslim Vote’, founded by backers of violence, is encouraging people to vote tactically.'],
    [
      'an event title',
      'Altikriti has spoken at recent TMV events in Birmingham, and appeared last weekend in Cardiff to discuss “We, Gaza and the elections”.',
    ],
    ['a scare-quoted term nobody says', 'When asked whether this meant there was such as thing as the "Muslim vote" in the UK, he paused.'],
    ['a scare quote with no cue', 'It was founded by Islamists who backed violent Palestinian “resistance” two days after the massacres.'],
  ])('does not report %s as a quote', (_name, text) => {
    expect(claimsOf(text, 'quote')).toEqual([]);
  });

  it('points groupIndex at the first part of the group in the final, sorted claims array', () => {
    const text = body('Ahmed said 4,000 people came. "It is big," he said. "We are confident.', '"It is very good," he added, and 5 people agreed.');
    const all = claimsOf(text);
    const parts = all.filter((c) => c.kind === 'quote' && c.groupIndex != null);
    expect(parts.map((q) => q.exact)).toEqual(['We are confident.', 'It is very good']);
    expect(all[parts[0].groupIndex!]).toBe(parts[0]);
    expect(parts[1].groupIndex).toBe(parts[0].groupIndex);
  });

  it('splits a quote running over paragraphs into one claim per paragraph with the same speaker', () => {
    const text = body(
      '"I know that voting for an independent is sometimes very difficult," Khan said in his victory speech. "It\'s not an easy thing to do, and it is an uphill struggle.',
      '"But it comes down to, in my view, a few simple matters: justice, fairness and equality."',
    );
    const quotes = claimsOf(text, 'quote');
    expect(quotes.map((q) => q.exact)).toEqual([
      'I know that voting for an independent is sometimes very difficult',
      "It's not an easy thing to do, and it is an uphill struggle.",
      'But it comes down to, in my view, a few simple matters: justice, fairness and equality.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Khan', 'Khan', 'Khan']);
    expect(quotes[2].groupIndex).toBe(quotes[1].groupIndex);
    expect(quotes[2].groupIndex).not.toBeNull();
  });
});
