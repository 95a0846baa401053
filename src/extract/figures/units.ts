// The unit lexicon, by family. Canonical names follow the project's scheme (singular SI-style names for
// measures, plural names for durations and counted things). Words match in any case; abbreviations
// listed in a family's `exact` list match only as written ("GB", "W", "mph"), so "5G" or "m" stay apart.

export type UnitFamily =
  | 'length'
  | 'area'
  | 'speed'
  | 'mass'
  | 'volume'
  | 'power'
  | 'energy'
  | 'data'
  | 'data rate'
  | 'frequency'
  | 'temperature'
  | 'duration'
  | 'percent'
  | 'sport'
  | 'times'
  | 'resolution';

interface UnitEntry {
  unit: string;
  /** matched lower-cased */
  words?: string[];
  /** matched exactly as written */
  exact?: string[];
}

const UNIT_TABLE: Record<UnitFamily, UnitEntry[]> = {
  length: [
    { unit: 'metre', words: ['metre', 'metres', 'meter', 'meters'], exact: ['m'] },
    { unit: 'kilometre', words: ['kilometre', 'kilometres', 'kilometer', 'kilometers', 'km', 'kms'] },
    { unit: 'centimetre', words: ['centimetre', 'centimetres', 'centimeter', 'centimeters', 'cm', 'cms'] },
    { unit: 'millimetre', words: ['millimetre', 'millimetres', 'millimeter', 'millimeters', 'mm'] },
    { unit: 'nanometre', words: ['nanometre', 'nanometres', 'nanometer', 'nanometers', 'nm'] },
    { unit: 'micrometre', words: ['micrometre', 'micrometres', 'micrometer', 'micrometers', 'micron', 'microns', 'µm'] },
    { unit: 'mile', words: ['mile', 'miles', 'mi'] },
    { unit: 'foot', words: ['foot', 'feet', 'ft'], exact: ['′'] },
    { unit: 'inch', words: ['inch', 'inches'], exact: ['in.', '″'] },
    { unit: 'yards', words: ['yard', 'yards', 'yd', 'yds'] },
    { unit: 'nautical mile', words: ['nautical mile', 'nautical miles'] },
  ],
  area: [
    { unit: 'square kilometre', words: ['square kilometre', 'square kilometres', 'square kilometer', 'square kilometers', 'sq km', 'km2', 'km²', 'km^2'] },
    { unit: 'square metre', words: ['square metre', 'square metres', 'square meter', 'square meters', 'sq m', 'm2', 'm²', 'm^2'] },
    { unit: 'square mile', words: ['square mile', 'square miles', 'sq mi', 'sq miles', 'mi2', 'mi²'] },
    { unit: 'square foot', words: ['square foot', 'square feet', 'sq ft', 'ft2', 'ft²'] },
    { unit: 'hectare', words: ['hectare', 'hectares', 'ha'] },
    { unit: 'acre', words: ['acre', 'acres'] },
    { unit: 'cubic kilometre', words: ['cubic kilometre', 'cubic kilometres', 'cubic kilometer', 'cubic kilometers', 'km3', 'km³', 'km^3'] },
    { unit: 'cubic metre', words: ['cubic metre', 'cubic metres', 'cubic meter', 'cubic meters', 'm3', 'm³'] },
    { unit: 'cubic foot', words: ['cubic foot', 'cubic feet', 'cu ft'] },
  ],
  speed: [
    {
      unit: 'kilometre per hour',
      words: [
        'km/h',
        'kmh',
        'kph',
        'km/hr',
        'kilometres per hour',
        'kilometers per hour',
        'kilometres an hour',
        'kilometers an hour',
        'km an hour',
        'km per hour',
      ],
    },
    { unit: 'mile per hour', words: ['mph', 'miles per hour', 'miles an hour', 'mi/h'] },
    { unit: 'metre per second', words: ['m/s', 'metres per second', 'meters per second', 'metres a second'] },
    { unit: 'knot', words: ['knot', 'knots'] },
  ],
  mass: [
    { unit: 'kilogram', words: ['kilogram', 'kilograms', 'kilogramme', 'kilogrammes', 'kg', 'kgs', 'kilo', 'kilos'] },
    { unit: 'gram', words: ['gram', 'grams', 'gramme', 'grammes'], exact: ['g', 'gm'] },
    { unit: 'milligram', words: ['milligram', 'milligrams', 'milligramme', 'milligrammes', 'mg'] },
    { unit: 'microgram', words: ['microgram', 'micrograms', 'mcg', 'µg'] },
    { unit: 'tonne', words: ['tonne', 'tonnes', 'metric ton', 'metric tons', 'metric tonnes'] },
    { unit: 'ton', words: ['ton', 'tons'] },
    { unit: 'pound', words: ['lb', 'lbs'] },
    { unit: 'ounce', words: ['ounce', 'ounces', 'oz'] },
    { unit: 'stone', words: ['stone'] },
  ],
  volume: [
    { unit: 'litre', words: ['litre', 'litres', 'liter', 'liters'], exact: ['l', 'L'] },
    { unit: 'millilitre', words: ['millilitre', 'millilitres', 'milliliter', 'milliliters', 'ml'] },
    { unit: 'gallon', words: ['gallon', 'gallons', 'gal'] },
    { unit: 'barrel', words: ['barrel', 'barrels', 'bbl'] },
    { unit: 'pint', words: ['pint', 'pints'] },
    { unit: 'cup', words: ['cup', 'cups'] },
    { unit: 'tablespoon', words: ['tablespoon', 'tablespoons', 'tbsp'] },
    { unit: 'teaspoon', words: ['teaspoon', 'teaspoons', 'tsp'] },
    { unit: 'fluid ounce', words: ['fluid ounce', 'fluid ounces', 'fl oz'] },
  ],
  power: [
    { unit: 'watt', words: ['watt', 'watts'], exact: ['W'] },
    { unit: 'kilowatt', words: ['kilowatt', 'kilowatts', 'kw'] },
    { unit: 'megawatt', words: ['megawatt', 'megawatts', 'mw'] },
    { unit: 'gigawatt', words: ['gigawatt', 'gigawatts', 'gw'] },
    { unit: 'horsepower', words: ['horsepower', 'hp', 'bhp', 'horse power'] },
    { unit: 'volt', words: ['volt', 'volts'], exact: ['V'] },
  ],
  energy: [
    { unit: 'kilowatt hour', words: ['kilowatt hour', 'kilowatt hours', 'kilowatt-hour', 'kilowatt-hours', 'kwh'] },
    { unit: 'megawatt hour', words: ['megawatt hour', 'megawatt hours', 'mwh'] },
    { unit: 'gigawatt hour', words: ['gigawatt hour', 'gigawatt hours', 'gwh'] },
    { unit: 'calorie', words: ['calorie', 'calories', 'kcal'] },
    { unit: 'electronvolt', words: ['electronvolt', 'electronvolts'], exact: ['eV'] },
  ],
  data: [
    { unit: 'bit', words: ['bit', 'bits'] },
    { unit: 'byte', words: ['byte', 'bytes'] },
    { unit: 'kilobyte', words: ['kilobyte', 'kilobytes', 'kb'] },
    { unit: 'megabyte', words: ['megabyte', 'megabytes', 'mb', 'meg', 'megs'] },
    { unit: 'gigabyte', words: ['gigabyte', 'gigabytes', 'gb'] },
    { unit: 'terabyte', words: ['terabyte', 'terabytes', 'tb'] },
    { unit: 'petabyte', words: ['petabyte', 'petabytes'] },
    { unit: 'exabyte', words: ['exabyte', 'exabytes'] },
    { unit: 'kibibyte', words: ['kibibyte', 'kibibytes', 'kib'] },
    { unit: 'megabit', words: ['megabit', 'megabits'] },
  ],
  'data rate': [
    { unit: 'kilobit per second', words: ['kbps', 'kbit/s', 'kb/s', 'kilobits per second'] },
    { unit: 'megabit per second', words: ['mbps', 'mbit/s', 'mb/s', 'megabits per second', 'megabit per second'] },
    { unit: 'gigabit per second', words: ['gbps', 'gbit/s', 'gb/s', 'gigabits per second'] },
  ],
  frequency: [
    { unit: 'hertz', words: ['hertz', 'hz'] },
    { unit: 'kilohertz', words: ['kilohertz', 'khz'] },
    { unit: 'megahertz', words: ['megahertz', 'mhz'] },
    { unit: 'gigahertz', words: ['gigahertz', 'ghz'] },
  ],
  resolution: [{ unit: 'megapixel', words: ['megapixel', 'megapixels'] }],
  temperature: [
    {
      unit: 'degree Celsius',
      words: ['°c', '° c', 'degrees celsius', 'degree celsius', 'degrees c', 'celsius', 'degrees centigrade', 'centigrade', 'deg c', '℃'],
      exact: ['C'],
    },
    { unit: 'degree Fahrenheit', words: ['°f', '° f', 'degrees fahrenheit', 'degree fahrenheit', 'degrees f', 'fahrenheit', 'deg f', '℉'], exact: ['F'] },
    { unit: 'kelvin', words: ['kelvin', 'kelvins'] },
    { unit: 'degree', words: ['degree', 'degrees', '°', 'deg'] },
  ],
  duration: [
    { unit: 'years', words: ['year', 'years', 'yr', 'yrs', 'yo', 'y.o.', 'year-old', 'years-old', 'year old', 'years old'] },
    { unit: 'months', words: ['month', 'months'] },
    { unit: 'weeks', words: ['week', 'weeks', 'wk', 'wks'] },
    { unit: 'days', words: ['day', 'days'] },
    { unit: 'hours', words: ['hour', 'hours', 'hr', 'hrs'] },
    { unit: 'minutes', words: ['minute', 'minutes', 'min', 'mins'] },
    { unit: 'seconds', words: ['second', 'seconds', 'sec', 'secs'] },
    { unit: 'decades', words: ['decade', 'decades'] },
    { unit: 'centuries', words: ['century', 'centuries'] },
  ],
  percent: [
    { unit: 'percentage_points', words: ['percentage point', 'percentage points', 'percentage-point', 'percentage-points', 'pp', 'ppt', 'ppts'] },
    { unit: 'basis_points', words: ['basis point', 'basis points', 'bps'] },
    { unit: 'percent', words: ['%', 'per cent', 'percent', 'pc', 'pct', 'per-cent'] },
  ],
  sport: [
    { unit: 'points', words: ['point', 'points', 'pts', 'ppg'] },
    { unit: 'goals', words: ['goal', 'goals'] },
    { unit: 'rebounds', words: ['rebound', 'rebounds', 'rpg'] },
    { unit: 'assists', words: ['assist', 'assists', 'apg'] },
    { unit: 'runs', words: ['run', 'runs'] },
    { unit: 'wickets', words: ['wicket', 'wickets'] },
    { unit: 'touchdowns', words: ['touchdown', 'touchdowns'] },
  ],
  times: [{ unit: 'times', words: ['times', 'fold', '-fold'] }],
};

interface UnitInfo {
  unit: string;
  family: UnitFamily;
}

const BY_WORD = new Map<string, UnitInfo>();
const BY_EXACT = new Map<string, UnitInfo>();
for (const [family, entries] of Object.entries(UNIT_TABLE) as [UnitFamily, UnitEntry[]][]) {
  for (const e of entries) {
    for (const w of e.words ?? []) BY_WORD.set(w, { unit: e.unit, family });
    for (const w of e.exact ?? []) BY_EXACT.set(w, { unit: e.unit, family });
  }
}

/** The unit a surface names ("km", "Miles per hour", "GB"), or null. */
function lookUpUnit(surface: string): UnitInfo | null {
  return BY_EXACT.get(surface) ?? BY_WORD.get(surface.toLowerCase()) ?? null;
}

const TOKEN = String.raw`[\p{L}°µ℃℉%′″][\p{L}\p{N}°²³^/.-]*`;
const UNIT_AFTER_RE = new RegExp(String.raw`^([ \u00A0]?|[ \u00A0]?-[ \u00A0]?)(${TOKEN})(?:[ \u00A0](${TOKEN}))?(?:[ \u00A0](${TOKEN}))?`, 'u');

export interface UnitMatch extends UnitInfo {
  /** characters of `after` the unit covers */
  length: number;
  /** written with a hyphen ("5.5-inch", "72-year-old"): a modifier, not a measure */
  hyphenated: boolean;
  glued: boolean;
}

/**
 * The unit written just after a number: glued ("512GB", "70mph"), after a space ("8 km", "miles per hour")
 * or a hyphen ("5.5-inch", "72-year-old"). Tries three words, then two, then one.
 */
export function readUnitAfter(after: string): UnitMatch | null {
  const m = UNIT_AFTER_RE.exec(after);
  if (!m) return null;
  const lead = m[1];
  const words = [m[2], m[3], m[4]].filter((w): w is string => !!w);
  for (let n = words.length; n >= 1; n--) {
    let surface = words.slice(0, n).join(' ');
    let info = lookUpUnit(surface);
    if (!info && n === 1 && surface === 'in' && (lead === '' || /^\s?in\s+(?:thick|long|wide|tall|high|deep|across|diameter)\b/.test(after))) {
      info = { unit: 'inch', family: 'length' }; // "6in", "2 1/2 in thick": a spaced "in" is a preposition unless a dimension follows
    }
    if (!info && surface.endsWith('.')) {
      // a full stop after the unit ("3 km.") ends the sentence
      info = lookUpUnit(surface.slice(0, -1));
      if (info) surface = surface.slice(0, -1);
    }
    if (!info && n === 1 && /-/.test(surface)) {
      // "72-year-old": the unit is the first part of a hyphenated modifier; "year-old" is kept whole
      const part = surface.split('-')[0];
      const whole = /^years?-old$/i.test(surface) ? surface : null;
      info = lookUpUnit(whole ?? part);
      if (info) surface = whole ?? part;
    }
    if (info) {
      return { unit: info.unit, family: info.family, length: lead.length + surface.length, hyphenated: lead.includes('-'), glued: lead === '' };
    }
  }
  return null;
}
