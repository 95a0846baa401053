import { body, claimsOf } from './helpers.js';

const speakerOf = (text: string, startsWith: string): string | null | undefined => claimsOf(text, 'quote').find((q) => q.exact.startsWith(startsWith))?.speaker;

describe('speakers of quotes', () => {
  it.each([
    ['name after the quote', '"Lobbying is done by the privileged and the elite," Ahmed said.', 'Lobbying', 'Ahmed'],
    [
      'inverted cue',
      '"We\'re going to drive them down into meat-and-potatoes phones," said Doug Rasor, a marketing vice president at Texas.',
      'We',
      'Doug Rasor',
    ],
    ['"X said:" before the quote', 'Mido said: "There isn\'t much I have to say today."', 'There', 'Mido'],
    ['title stripped', 'Sir Keir Starmer said: "We will change Britain."', 'We will', 'Keir Starmer'],
    [
      'surname resolved to the full name',
      body('Muddassar Ahmed, a former UK government adviser, leads the campaign.', '"We thought it was important," Ahmed said.'),
      'We thought',
      'Muddassar Ahmed',
    ],
    [
      'appositive skipped',
      body('Yakoob, a flamboyant solicitor who collects cars, said in a speech earlier this year: “I know now why Allah has put me in this position.”'),
      'I know',
      'Yakoob',
    ],
    [
      'nominal "the group" resolved to the organisation',
      body(
        'The Labour Muslim Network (LMN), which represents Muslim members of the party, has written to Starmer.',
        '“This is a patently vile, Islamophobic briefing,” the group said in a statement.',
      ),
      'This is',
      'Labour Muslim Network',
    ],
    [
      '"They added:" continues the group',
      body(
        'The Labour Muslim Network (LMN) has written to Starmer.',
        '“This is vile,” the group said in a statement.',
        'They added: “This racism needs to be challenged urgently.”',
      ),
      'This racism',
      'Labour Muslim Network',
    ],
    [
      'anonymous speaker kept as written',
      'In reiterating the growing backlash to Labour one local voter said: “I’ve voted Labour my whole life.”',
      'I’ve voted',
      'local voter',
    ],
    [
      'a document speaks',
      'The letter went on to say: “Unfortunately, it seems that while we have been proud to support the Labour Party, it has not been proud of us.”',
      'Unfortunately',
      'the letter',
    ],
    ['organisation website', '“We are focused on seats where the Muslim vote can influence the outcome,” the TMV website says.', 'We are focused', 'TMV'],
    [
      'pronoun after a participle cue',
      body(
        'In a YouTube interview, Altikriti described the war as a failure.',
        'He appeared to back the kidnapping of the hostages, saying: “The taking of hostages is a very important part of any strategic military action.”',
      ),
      'The taking',
      'Altikriti',
    ],
    [
      '"could be heard saying"',
      body('Prior to the vote, Mahmood lauded his credentials as an MP.', '"Shut up and listen, please," he could be heard saying in the video.'),
      'Shut up',
      'Mahmood',
    ],
    [
      '"he" skips a name after a preposition',
      'Asked about accusations of "entryism", an allegation Ahmed previously faced from journalist Andrew Gilligan, he said: "We thought about that a lot."',
      'We thought',
      'Ahmed',
    ],
    [
      'glued scraper words',
      body('Pro-Palestine independent candidateAyoub Khan pulled off a shock win.', '"I know that voting for an independent is difficult," Khan said.'),
      'I know',
      'Ayoub Khan',
    ],
    [
      '"Asked if X …, he replied": X is not "he"',
      body(
        'Mr Blair told BBC News he had not read the report.',
        'Asked if Mr Blunkett could return to frontline politics, he replied: "I have made my admiration for David very clear."',
      ),
      'I have made',
      'Blair',
    ],
    [
      'a subjectless "But told" continues the subject',
      'In his first comments, Mr Blair told BBC News he had not yet read the report in detail. But told BBC News: "As far as I\'m concerned, we have drawn a line under that."',
      'As far as',
      'Blair',
    ],
    [
      '"he" skips a name after "from <Party> leader"',
      body(
        'The prime minister, Tony Blair, said it was time to move on.',
        'The prime minister shrugged off claims from Conservative leader Michael Howard that he led a "grubby government". He said: "He was the person who asked for this inquiry."',
      ),
      'He was',
      'Tony Blair',
    ],
    [
      'a team before a role noun is not "he"',
      body(
        'Steven Gerrard has admitted that Liverpool have little chance.',
        'The 24-year-old Reds skipper spoke out ahead of the game. "Let\'s be realistic, there are some fantastic teams left," he told BBC Radio Five Live.',
      ),
      'Let',
      'Steven Gerrard',
    ],
    [
      'a lone club name does not beat the last speaker',
      body(
        '"We are just going to try to stay in," Steven Gerrard told the BBC.',
        'The Reds are fifth, and they face Chelsea in Sunday\'s final. "It\'s big couple of months for Liverpool," he added.',
      ),
      'It',
      'Steven Gerrard',
    ],
    [
      'a nominal with a "by" phrase after the quote',
      '"The release of the questionnaires does not serve any purpose," a motion by Mr Jackson\'s lawyers stated.',
      'The release',
      'motion',
    ],
    [
      'a document that "read:"',
      'He also shared a comment on a pro-Israel poster that read: “If you were in South Africa you’d be a racist.”',
      'If you were',
      'pro-Israel poster',
    ],
    [
      'a pledge "saying" speaks for its unnamed signatories',
      'Key figures behind The Muslim Vote (TMV), an alliance of 24 activist groups, signed a pledge on October 9 saying they “reaffirm the inalienable right of the Palestinian people to resist occupation”.',
      'reaffirm',
      'the pledge',
    ],
    [
      '"This claimed" is the statement just named',
      'It also disseminated a statement by David Miller, the former professor. This claimed that “most of these (not all) are Jewish” and more.',
      'most of these',
      'David Miller',
    ],
    [
      'a pronoun with no antecedent stays null',
      body(
        'In a statement she said: “As deputy leader I want to make clear that these comments are unacceptable.”',
        '“I will be ensuring that the party investigates this reported comment.”',
      ),
      'I will',
      null,
    ],
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
