import { body, claimsOf } from './helpers.js';

const speakerOf = (text: string, startsWith: string): string | null | undefined =>
  claimsOf(text, 'quote').find((q) => q.exact.startsWith(startsWith))?.speaker;

describe('speakers of quotes', () => {
  it.each([
    ['name after the quote', '"Lobbying is done by the privileged and the elite," Ahmed said.', 'Lobbying', 'Ahmed'],
    ['inverted cue', '"We\'re going to drive them down into meat-and-potatoes phones," said Doug Rasor, a marketing vice president at Texas.', 'We', 'Doug Rasor'],
    ['"X said:" before the quote', 'Mido said: "There isn\'t much I have to say today."', 'There', 'Mido'],
    ['title stripped', 'Sir Keir Starmer said: "We will change Britain."', 'We will', 'Keir Starmer'],
    ['surname resolved to the full name', body('Muddassar Ahmed, a former UK government adviser, leads the campaign.', '"We thought it was important," Ahmed said.'), 'We thought', 'Muddassar Ahmed'],
    ['appositive skipped', body('Yakoob, a flamboyant solicitor who collects cars, said in a speech earlier this year: “I know now why Allah has put me in this position.”'), 'I know', 'Yakoob'],
    ['nominal "the group" resolved to the organisation', body('The Labour Muslim Network (LMN), which represents Muslim members of the party, has written to Starmer.', '“This is a patently vile, Islamophobic briefing,” the group said in a statement.'), 'This is', 'Labour Muslim Network'],
    ['"They added:" continues the group', body('The Labour Muslim Network (LMN) has written to Starmer.', '“This is vile,” the group said in a statement.', 'They added: “This racism needs to be challenged urgently.”'), 'This racism', 'Labour Muslim Network'],
    ['anonymous speaker kept as written', 'In reiterating the growing backlash to Labour one local voter said: “I’ve voted Labour my whole life.”', 'I’ve voted', 'local voter'],
    ['a document speaks', 'The letter went on to say: “Unfortunately, it seems that while we have been proud to support the Labour Party, it has not been proud of us.”', 'Unfortunately', 'the letter'],
    ['organisation website', '“We are focused on seats where the Muslim vote can influence the outcome,” the TMV website says.', 'We are focused', 'TMV'],
    ['pronoun after a participle cue', body('In a YouTube interview, Altikriti described the war as a failure.', 'He appeared to back the kidnapping of the hostages, saying: “The taking of hostages is a very important part of any strategic military action.”'), 'The taking', 'Altikriti'],
    ['"could be heard saying"', body('Prior to the vote, Mahmood lauded his credentials as an MP.', '"Shut up and listen, please," he could be heard saying in the video.'), 'Shut up', 'Mahmood'],
    ['"he" skips a name after a preposition', 'Asked about accusations of "entryism", an allegation Ahmed previously faced from journalist Andrew Gilligan, he said: "We thought about that a lot."', 'We thought', 'Ahmed'],
    ['glued scraper words', body('Pro-Palestine independent candidateAyoub Khan pulled off a shock win.', '"I know that voting for an independent is difficult," Khan said.'), 'I know', 'Ayoub Khan'],
    ['a pronoun with no antecedent stays null', body('In a statement she said: “As deputy leader I want to make clear that these comments are unacceptable.”', '“I will be ensuring that the party investigates this reported comment.”'), 'I will', null],
  ])('%s', (_name, text, startsWith, expected) => {
    expect(speakerOf(text, startsWith)).toBe(expected);
  });

  it('continues the previous paragraph speaker when a quote paragraph has no cue', () => {
    const text = body(
      'Angela Rayner has promised an investigation. In a statement she said: “As deputy leader I want to make clear that these comments are unacceptable.”',
      '“I will be ensuring that the party investigates this reported comment.”',
    );
    const quotes = claimsOf(text, 'quote');
    expect(quotes.map((q) => q.speaker)).toEqual(['Angela Rayner', 'Angela Rayner']);
    expect(quotes[1].confidence).toBeLessThan(quotes[0].confidence);
  });

  it('leaves the speaker null with low confidence when nobody is named', () => {
    const [q] = claimsOf('This claimed Labour was “fully owned, directed and even staffed with Zionist donors and advisers”.', 'quote');
    expect(q.speaker).toBeNull();
    expect(q.confidence).toBeLessThanOrEqual(0.3);
  });
});
