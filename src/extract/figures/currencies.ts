// Currencies: symbols and codes before a number, currency words after it. Units are ISO 4217 codes,
// except the minor units `penny` ("49p"), `cent` and `sen`, and names with no single code (`franc`, `bitcoin`).

/** Written before the number: "$", "US$", "A$14,300", "$US12,400", "HK$", "Rs", "RM120", "USD25m". Longest first. */
const CURRENCY_PREFIXES: Record<string, string> = {
  'US$': 'USD', $US: 'USD', 'AU$': 'AUD', 'A$': 'AUD', 'CA$': 'CAD', 'C$': 'CAD', 'HK$': 'HKD', 'NZ$': 'NZD', 'S$': 'SGD',
  'R$': 'BRL', 'Rs.': 'INR', Rs: 'INR', RM: 'MYR', '£': 'GBP', $: 'USD', '€': 'EUR', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB',
  '₺': 'TRY', '₦': 'NGN', '₱': 'PHP',
};

/** ISO codes written before the number ("USD 25m", "EUR5bn") or after it ("25m USD"). */
const ISO_CODES = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'CHF', 'AUD', 'CAD', 'HKD', 'INR', 'MYR', 'NZD', 'SGD', 'ZAR', 'BRL', 'MXN', 'KRW',
  'RUB', 'SEK', 'NOK', 'DKK', 'TRY', 'IDR', 'THB', 'PHP', 'PKR', 'NGN', 'KES', 'EGP', 'SAR', 'AED', 'ILS', 'PLN', 'CZK',
  'HUF', 'TWD', 'VND', 'ARS', 'CLP', 'COP', 'QAR', 'KWD', 'BDT', 'LKR', 'UAH', 'RON', 'GEL', 'CRC', 'LAK', 'ISK',
]);
/** Codes people write that are not ISO: RMB is the renminbi (CNY). */
const CODE_ALIASES: Record<string, string> = { RMB: 'CNY' };

/** The prefix alternation for the number scanner (symbols escaped, longest first). */
export const CURRENCY_PREFIX_PATTERN = [...Object.keys(CURRENCY_PREFIXES), ...ISO_CODES, ...Object.keys(CODE_ALIASES)]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[$.]/g, (c) => `\\${c}`))
  .join('|');

/** Currency words after the number, singular and plural ("650m euros", "105.6 yen", "35 sen", "five pounds"). */
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', quid: 'GBP',
  yen: 'JPY', yuan: 'CNY', renminbi: 'CNY', rupee: 'INR', rupees: 'INR', ringgit: 'MYR', rouble: 'RUB',
  roubles: 'RUB', ruble: 'RUB', rubles: 'RUB', rand: 'ZAR', lira: 'TRY', peso: 'MXN', pesos: 'MXN', reais: 'BRL',
  baht: 'THB', rupiah: 'IDR', riyal: 'SAR', riyals: 'SAR', dirham: 'AED', dirhams: 'AED', shekel: 'ILS', shekels: 'ILS',
  zloty: 'PLN', krona: 'SEK', kronor: 'SEK', krone: 'NOK', kroner: 'NOK', naira: 'NGN', dinar: 'dinar', dinars: 'dinar',
  franc: 'franc', francs: 'franc', bitcoin: 'bitcoin', bitcoins: 'bitcoin',
  pence: 'penny', penny: 'penny', p: 'penny', cent: 'cent', cents: 'cent', sen: 'sen', '¢': 'cent',
};
/** "Australian dollars", "Swiss francs", "Hong Kong dollars": a nationality before the currency word picks the code. */
const NATIONAL_CURRENCIES: Record<string, string> = {
  'us dollars': 'USD', 'us dollar': 'USD', 'american dollars': 'USD', 'australian dollars': 'AUD', 'australian dollar': 'AUD',
  'canadian dollars': 'CAD', 'canadian dollar': 'CAD', 'hong kong dollars': 'HKD', 'new zealand dollars': 'NZD',
  'singapore dollars': 'SGD', 'taiwan dollars': 'TWD', 'swiss francs': 'CHF', 'swiss franc': 'CHF', 'mexican pesos': 'MXN',
  'indian rupees': 'INR', 'korean won': 'KRW', 'south korean won': 'KRW', 'brazilian real': 'BRL', 'chinese yuan': 'CNY', 'japanese yen': 'JPY', 'british pounds': 'GBP', 'south african rand': 'ZAR',
};

/** The currency code of a prefix as written (symbol, code or alias), or null. */
export function currencyOfPrefix(prefix: string): string | null {
  return CURRENCY_PREFIXES[prefix] ?? (ISO_CODES.has(prefix) ? prefix : CODE_ALIASES[prefix] ?? null);
}

const WORD_AFTER_RE = /^\s?((?:us|american|australian|canadian|hong kong|new zealand|singapore|taiwan|swiss|mexican|indian|chinese|japanese|british|south african|south korean|korean|brazilian)\s)?([a-z]+|¢)(?![\p{L}\p{N}])/iu;

/** A currency named after the number, with the length it covers: " euros", "p", " Australian dollars", " USD". */
export function readCurrencyAfter(after: string): { unit: string; length: number } | null {
  const m = WORD_AFTER_RE.exec(after);
  if (!m) return null;
  const word = m[2];
  if (word.length === 3 && (ISO_CODES.has(word) || word in CODE_ALIASES) && m[0][0] === ' ' && !m[1]) {
    return { unit: CODE_ALIASES[word] ?? word, length: m[0].length };
  }
  const lower = word.toLowerCase();
  if (lower === 'p' && m[0][0] === ' ') return null; // only glued: "49p"
  if (lower === 'rand' && word !== lower) return null; // "Rand" is a name
  if (m[1]) {
    const national = NATIONAL_CURRENCIES[`${m[1].trim().toLowerCase()} ${lower}`];
    if (national) return { unit: national, length: m[0].length };
    return null;
  }
  const unit = CURRENCY_WORDS[lower];
  if (!unit || word !== lower && word !== word[0] + word.slice(1).toLowerCase()) return null;
  return { unit, length: m[0].length };
}

/** A currency code is a three-letter upper-case ISO code or one of the named minor units. */
export function isCurrencyUnit(unit: string): boolean {
  return ISO_CODES.has(unit) || unit === 'penny' || unit === 'cent' || unit === 'sen' || unit === 'franc' || unit === 'bitcoin' || unit === 'dinar';
}
