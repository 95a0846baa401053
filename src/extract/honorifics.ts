// Honorifics as US and UK papers write them, and what they tell about the person: a gender for coreference
// ("Ms. Okafor … she") and that the next capitalised words are a person's name.

export type Gender = 'male' | 'female';

/**
 * Abbreviated honorifics written with a full stop in US house styles (AP, NYT): "Mr. Alvarez", "Sen. Lopez",
 * "Lt. Gen. Smith". Without the full stop most are ordinary words or nothing ("Sen" alone is never a name).
 */
export const DOTTED_HONORIFICS = [
  'Mr.',
  'Mrs.',
  'Ms.',
  'Mx.',
  'Dr.',
  'Prof.',
  'Rev.',
  'Fr.',
  'Msgr.',
  'Sen.',
  'Rep.',
  'Gov.',
  'Lt.',
  'Gen.',
  'Col.',
  'Maj.',
  'Capt.',
  'Sgt.',
  'Cpl.',
  'Adm.',
  'Cmdr.',
  'Brig.',
  'Det.',
  'Insp.',
  'Supt.',
  'Atty.',
  'Amb.',
  'Hon.',
  'Pres.',
  'Sec.',
  'Cllr.',
];

/** Honorifics that give the person's gender, with and without the full stop. */
const GENDER_OF_HONORIFIC = new Map<string, Gender>([
  ['Mr', 'male'],
  ['Sir', 'male'],
  ['Lord', 'male'],
  ['Baron', 'male'],
  ['King', 'male'],
  ['Prince', 'male'],
  ['Father', 'male'],
  ['Fr', 'male'],
  ['Brother', 'male'],
  ['Sheikh', 'male'],
  ['Rabbi', 'male'],
  ['Imam', 'male'],
  ['Mrs', 'female'],
  ['Ms', 'female'],
  ['Miss', 'female'],
  ['Lady', 'female'],
  ['Dame', 'female'],
  ['Baroness', 'female'],
  ['Queen', 'female'],
  ['Princess', 'female'],
  ['Sister', 'female'],
  ['Madam', 'female'],
  ['Mme', 'female'],
]);

/** The gender an honorific gives ("Ms." -> female), or null for ungendered ones ("Dr.", "Sen."). */
export function genderOfHonorific(word: string): Gender | null {
  return GENDER_OF_HONORIFIC.get(word.endsWith('.') ? word.slice(0, -1) : word) ?? null;
}

// Common given names in US and UK news, by the gender they usually mark. A compact list: a name not here simply
// gives no gender, and coreference then falls back on honorifics and earlier pronouns.
const MALE_NAMES = `Aaron Adam Adrian Ahmed Alan Albert Alexander Ali Andrew Andy Angus Anthony Antonio Arthur Ben Benjamin
Bernard Bernie Bill Billy Bob Boris Brad Brandon Brendan Brian Bruce Bryan Carl Carlos Charles Charlie Chris Christopher
Chuck Colin Conor Craig Dan Daniel Danny Darren Dave David Dean Dennis Derek Dominic Don Donald Doug Douglas Duncan Dylan
Ed Eddie Edward Elon Emmanuel Eric Ethan Frank Fred Gary Gavin Geoff Geoffrey George Gerald Gordon Graham Greg Gregory
Harry Henry Hugh Iain Ian Isaac Jack Jacob Jake James Jamie Jason Jay Jeff Jeffrey Jeremy Jerome Jim Jimmy Joe Joel John
Johnny Jon Jonathan Jose Joseph Josh Joshua Juan Justin Keir Keith Ken Kenneth Kevin Kieran Kyle Larry Leo
Liam Lewis Louis Luke Marco Mark Martin Matt Matthew Max Michael Mike Mitch Mohammed Muhammad Nathan Neil Nicholas Nick
Nigel Noah Oliver Omar Owen Patrick Paul Pete Peter Phil Philip Ralph Ray Raymond Richard Rick Rishi Rob Robert Robin
Roger Ron Ronald Ross Roy Russell Ryan Sam Samuel Scott Sean Sebastian Simon Stephen Steve Steven Stuart Ted Terry Thomas
Tim Timothy Toby Todd Tom Tommy Tony Travis Tyler Victor Vince Vladimir Walter Wayne Wes William Xi Yusuf Zach`;
const FEMALE_NAMES = `Abigail Alexandra Alice Alison Amanda Amber Amy Andrea Angela Angelina Ann Anna Anne Annie Barbara Becky
Beth Betty Beverley Brenda Caroline Carol Carolina Catherine Charlotte Chloe Christina Christine Claire Clare Colleen Dana
Deborah Debbie Diana Diane Donna Dorothy Elena Elizabeth Ellen Ellie Emily Emma Erin Eva Fiona Frances Gemma Georgia
Gillian Grace Hannah Harriet Heather Helen Hillary Holly Isabel Isabella Jacqueline Jade Jane Janet Janice Jennifer
Jenny Jess Jessica Jill Joan Joanna Jodie Judith Judy Julia Julie June Karen Kate Katherine Kathleen Kathryn Kathy Katie
Kay Kelly Kemi Kirsty Kristi Laura Lauren Linda Lisa Liz Lorraine Louise Lucy Lynn Maggie Margaret Maria Marie Marion
Marjorie Martha Mary Megan Melanie Melissa Michelle Monica Nadine Nancy Naomi Natalie Nicola Nicole Nikki Olivia Pamela
Patricia Penny Priti Rachel Rebecca Rosie Ruth Sally Samantha Sandra Sara Sarah Serena Sharon Shirley Sophie Stephanie
Sue Susan Suzanne Tanya Theresa Tracy Ursula Valerie Vanessa Venus Victoria Wendy Yvette Yvonne Zoe`;

const GIVEN_NAME_GENDER = new Map<string, Gender>();
for (const n of MALE_NAMES.split(/\s+/)) GIVEN_NAME_GENDER.set(n, 'male');
for (const n of FEMALE_NAMES.split(/\s+/)) GIVEN_NAME_GENDER.set(n, 'female');

/** The gender a given name usually marks ("Sarah" -> female), or null when unknown or ambiguous. */
export function genderOfGivenName(word: string): Gender | null {
  return GIVEN_NAME_GENDER.get(word) ?? null;
}

/** The gender of a pronoun: he/him/his -> male, she/her -> female, null for they/it. */
export function genderOfPronoun(word: string): Gender | null {
  const w = word.toLowerCase();
  if (w === 'he' || w === 'him' || w === 'his' || w === 'himself') return 'male';
  if (w === 'she' || w === 'her' || w === 'hers' || w === 'herself') return 'female';
  return null;
}
