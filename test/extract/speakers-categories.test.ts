// Round-2 categories of speaker errors, each in several house styles: a work's title or a people's adjective is no
// antecedent for "he", a description with a people's adjective is the person described, a document speaks for the body
// that issued it, a sentence ends after a closing quote mark, and a person after "talking to" plus a long role is no subject.
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

const cases = (rows: [string, string, string, string | null][]) => rows;

describe('the title of a work names no one', () => {
  it.each(
    cases([
      ['BBC', 'Amy Clarke spoke about her new album, Rivers Under The Glass Ceiling, at length. "It took me three years," she said.', 'It took', 'Amy Clarke'],
      [
        'BBC',
        'Cook admitted the four years since his last album, Halfway Home To The Stars, were hard, but he stressed dance was alive. "Every week I read that it was dead," he said.',
        'Every week',
        'Cook',
      ],
      ['Guardian', 'Director Tomas Reiner defended the film Broken Harbour Lights on Monday. "Nobody was hurt on set," he said.', 'Nobody was', 'Tomas Reiner'],
      [
        'NYT',
        'Sarah Lennox discussed her memoir, Winter Kitchen Rules, in an interview. "I wrote it at night," she told The Times.',
        'I wrote',
        'Sarah Lennox',
      ],
      ['local UK', 'Councillor Jim Hart watched the documentary Steel Town Voices twice. "It made me angry," he said.', 'It made', 'Jim Hart'],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });
});

describe('a people, faith or creed word is no person', () => {
  it.each(
    cases([
      ['BBC', 'Mayor Joan Riley refused to withdraw a Nazi comparison. "I stand by it," she said.', 'I stand', 'Joan Riley'],
      [
        'BBC',
        body(
          'London mayor Ken Lister again refused to retract a Nazi jibe made to a reporter.',
          'The mayor said his remarks would not harm the bid. "I will not panic," he said.',
        ),
        'I will',
        'Ken Lister',
      ],
      ['AP', 'Sen. Paul Greer criticized a Soviet-era law on Tuesday and said a Saudi proposal was weak. "We need better," he said.', 'We need', 'Paul Greer'],
      [
        'Reuters',
        'Trade minister Omar Haddad met a Swiss delegation and an Israeli envoy. "Talks were useful," he told reporters.',
        'Talks were',
        'Omar Haddad',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });
});

describe('a description with a people adjective is the person described', () => {
  it.each(
    cases([
      [
        'BBC sport',
        'Squad member Kelly Dunn said the team backed the coach. "We all trust him," said the Scottish middle-distance champion.',
        'We all',
        'Kelly Dunn',
      ],
      [
        'Guardian',
        body('Nominated for best actress was Marta Silva.', 'Shivering in a grey coat, the Brazilian-born actress waved and said: "It is freezing out here."'),
        'It is',
        'Marta Silva',
      ],
      ['AP', 'Ben Ortiz finished two shots back. "I left too much out there," the American player said.', 'I left', 'Ben Ortiz'],
      [
        'local UK',
        'Shop owner Raj Mehta has traded on the high street for 30 years. "Footfall has halved," the Kenyan-born owner said.',
        'Footfall has',
        'Raj Mehta',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });

  it('capitals that name a body keep the role as written ("the Labour leader")', () => {
    const text = 'Voters in Leeds heard from Sam Cole. "We will win here," said the Labour leader.';
    expect(attributionOf(text, 'We will').speaker).not.toBe('Sam Cole');
  });
});

describe('a document speaks for the body that issued it', () => {
  it.each(
    cases([
      [
        'AP',
        '"The pilots had no warning," according to a preliminary report from the Federal Aviation Administration.',
        'The pilots',
        'Federal Aviation Administration',
      ],
      ['Reuters', '"Margins will remain under pressure," said a statement by Northgate Holdings.', 'Margins will', 'Northgate Holdings'],
      [
        'BBC',
        body('The International Maritime Agency inspected the port in May.', '"Safety checks were not carried out," said an agency statement.'),
        'Safety checks',
        'International Maritime Agency',
      ],
      [
        'local UK',
        body('Thornley Borough Council closed the car park on Friday.', '"The structure is unsafe," a council statement said.'),
        'The structure',
        'Thornley Borough Council',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });

  it('a document with no issuer in sight keeps its own words', () => {
    expect(attributionOf('"Costs rose sharply," a leaked report said.', 'Costs rose').speaker).not.toBeNull();
  });
});

describe('alternating speakers: a sentence ends after a closing quote mark', () => {
  it.each(
    cases([
      [
        'BBC sport',
        body(
          'Winger Luis Pardo was fooled by a radio prank.',
          '"I have seen the stories," he said on Thursday. "But I am happy here." Club president Anton Weiss, meanwhile, was furious. "It is a disgrace," he said.',
        ),
        'It is a',
        'Anton Weiss',
      ],
      [
        'Guardian',
        body(
          'Campaigner Ruth Ames welcomed the ruling.',
          '"This is a good day," she said. "We fought for years." Peter Crane, a landlord, was less pleased. "It will cost me," he said.',
        ),
        'It will',
        'Peter Crane',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });
});

describe('a person after "talking to" and a long role is no subject', () => {
  it.each(
    cases([
      [
        'BBC sport',
        'The Portuguese believed he was talking to Benfica sporting director Rui Costa when he made the remarks. "I want to go home," the 23-year-old told the station.',
        'I want',
        null,
      ],
      [
        'Reuters',
        'Chief executive Maria Lund said she had spoken with European Central Bank vice president Karl Horn. "Rates must fall," she said.',
        'Rates must',
        'Maria Lund',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    const got = attributionOf(text, quote).speaker ?? null;
    if (speaker === null) expect(got).not.toBe('Rui Costa');
    else expect(got).toBe(speaker);
  });
});

describe('a joint statement: the first of two people named with their roles', () => {
  it.each(
    cases([
      [
        'BBC business',
        '"We deeply regret our part in it," Halden Bank chief executive Mark Rowe and finance director Jane Hill said in the letter.',
        'We deeply',
        'Mark Rowe',
      ],
      ['AP', '"This was a hard decision," team president Carla Ruiz and general manager Dan Ott said in a joint statement.', 'This was', 'Carla Ruiz'],
      ['Guardian', '"The scheme failed tenants," Green councillor Asha Rao and Labour councillor Tom Beck said.', 'The scheme', 'Asha Rao'],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });
});

describe('"he" after an unnamed spokesman is that spokesman', () => {
  it.each(
    cases([
      [
        'BBC politics',
        'Mr Leigh said the department should act. A Home Office spokesman said the rules had been tightened. He added: "The new check will be simpler."',
        'The new',
        'Home Office spokesman',
      ],
      [
        'Reuters',
        'Analyst Greg Moss expects a fine. A company spokeswoman said the firm was co-operating. She added: "We take this seriously."',
        'We take',
        'company spokeswoman',
      ],
      [
        'local UK',
        'Cllr Mary Dean raised the matter. A council spokesman said repairs were planned and he added: "Work starts in May."',
        'Work starts',
        'council spokesman',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });

  it('a person named as a subject after the spokesman is "he"', () => {
    const text = 'A Home Office spokesman said the rules had changed. Mr Leigh disagreed. He said: "Nothing has changed."';
    expect(attributionOf(text, 'Nothing has').speaker).not.toBe('Home Office spokesman');
  });
});

describe('the one told is the hearer, not a speaker', () => {
  it.each(
    cases([
      ['BBC', 'The band have a rule, Kapranos told BBC News Online. "Where is the fun in that?" they asked at every stage.', 'Where is', 'BBC News Online'],
      ['NYT', 'The senator told The New York Times the bill was dead. "It will never pass," they said in the cloakroom.', 'It will', 'New York Times'],
    ]),
  )('%s: %s', (_style, text, quote, hearer) => {
    expect(attributionOf(text, quote).speaker).not.toBe(hearer);
  });
});

describe('plural "they" after two people named together', () => {
  it.each(
    cases([
      [
        'AP',
        body(
          'The storm flooded the parish, the National Weather Service said.',
          'Next door, Tran Van Minh and his wife, Lan, were bailing out the kitchen.',
          '"We will rebuild," they said.',
        ),
        'We will',
        'Tran Van Minh',
      ],
      [
        'Guardian',
        body(
          'Thornley Housing Trust raised rents again.',
          'Ana Ruiz and Joe Park have lived in the flat for ten years.',
          '"We cannot afford this," they said.',
        ),
        'We cannot',
        'Ana Ruiz',
      ],
      [
        'local UK',
        body('Bill Hague and Jo Croft, who farm above the town, lost 40 sheep in the snow.', '"It was the worst night of our lives," they told the Gazette.'),
        'It was',
        'Bill Hague',
      ],
    ]),
  )('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });

  it('a body named after the pair is "they"', () => {
    const text = body('Ana Ruiz and Joe Park complained to Thornley Housing Trust.', 'Thornley Housing Trust reviewed the case. "We acted fairly," they said.');
    expect(attributionOf(text, 'We acted').speaker).toBe('Thornley Housing Trust');
  });
});
