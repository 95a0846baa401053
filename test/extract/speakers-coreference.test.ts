// Pronouns and role nominals go to the antecedent that agrees in gender and role, not the nearest capitalised word.
import { agreesInGender, collectPeopleFacts, learnGender } from '../../src/extract/coreference.js';
import { findNameMentions } from '../../src/extract/entities.js';
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

describe('coreference', () => {
  it.each([
    [
      'Guardian: "she" skips a man named later',
      body(
        'Hannah Kowalski, who runs the playgroup, spoke at the meeting. Council leader Mark Dempsey defended the plan.',
        '"Sunday is the one day families come into town," she said.',
      ),
      'Sunday',
      'Hannah Kowalski',
    ],
    [
      'NYT: honorific gives the gender',
      body('Ms. Broussard waited for news of her sister while Mr. Guidry checked the levee.', '"I left her six messages," she said.'),
      'I left',
      'Broussard',
    ],
    [
      'AP: "he" skips a woman',
      body('Coach Maria Diaz watched as quarterback Tom Reyes threw three touchdowns.', '"I just kept throwing," he said.'),
      'I just',
      'Tom Reyes',
    ],
    [
      'AP: "the governor" finds Gov.',
      body(
        'Gov. Teresa Lindqvist has visited the town. Mayor Paul Grant met residents on Monday.',
        '"This is not a campaign issue," the governor told reporters.',
      ),
      'This is not',
      'Teresa Lindqvist',
    ],
    [
      'NYT: "the senator" finds the senator, not the last man named',
      body(
        'Senator Dolores Whitaker held a town hall. A retired machinist, Dale Sorensen, pressed her on the delay.',
        '"You\'re right to be angry," the senator replied.',
      ),
      'You',
      'Dolores Whitaker',
    ],
    [
      'BBC: "the 34-year-old" is the subject, not the beaten opponent',
      body('Serena Williams beat Venus Williams in the final.', '"I am thrilled," the 34-year-old said.'),
      'I am',
      'Serena Williams',
    ],
    [
      'BBC: a name inside what someone said does not become "she"',
      body(
        'Imelda Staunton told the BBC that Vera Drake was the highlight of her career.',
        'She said: "Never in a million years did I think this was going to happen."',
      ),
      'Never',
      'Imelda Staunton',
    ],
  ])('%s', (_name, text, quote, speaker) => {
    const got = attributionOf(text, quote);
    expect(got.speaker).toBe(speaker);
    expect(['near', 'inferred']).toContain(got.band); // resolved, not read off the cue
  });

  it('learns a gender from a pronoun bound earlier, and then skips a person who disagrees', () => {
    const facts = collectPeopleFacts(findNameMentions('Morgan Carter won. Mr. Tom Hale lost.'));
    expect(agreesInGender(facts, 'Morgan Carter', 'female')).toBe(true); // unknown: agrees with anything
    learnGender(facts, 'Morgan Carter', 'female');
    expect(agreesInGender(facts, 'Morgan Carter', 'male')).toBe(false);
    expect(agreesInGender(facts, 'Tom Hale', 'female')).toBe(false); // from "Mr."
    const text = body(
      'Morgan Carter won the final.',
      '"I am thrilled," she said.',
      'Tom Hale, who lost, left early. Jess Ward watched.',
      '"He was brilliant," Jess Ward said.',
      '"It was my best race," she said.',
    );
    expect(attributionOf(text, 'It was my best').speaker).toBe('Jess Ward');
  });
});
