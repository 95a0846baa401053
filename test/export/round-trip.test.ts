import { Cite } from '../../src/export/citation-js.js';
import { formatBibtex } from '../../src/export/bibtex.js';
import { formatCslJson } from '../../src/export/csl.js';
import { formatRis, parseRis } from '../../src/export/ris.js';
import type { ExportContext, ExportRow } from '../../src/export/types.js';

// Our BibTeX, RIS and CSL-JSON read back by citation-js (the bibtex, ris and csl plugins), as a citation manager would.

const ctx: ExportContext = { count: 4, baseUrl: 'https://claims.example', publisher: 'Test Newsroom', generatedAt: '2025-01-05T10:00:00.000Z' };

const LONG_QUOTE =
  'We will not accept a result that was decided by fewer than a thousand votes in a constituency where turnout fell to its lowest since the war, and we will say so in every ward';

const row = (over: Partial<ExportRow>): ExportRow => ({
  id: 1,
  kind: 'quote',
  exact: 'x',
  start: 0,
  end: 1,
  speaker_name: null,
  speaker_kind: null,
  verdict: 'unverified',
  source_id: 1,
  outlet: null,
  title: null,
  author: null,
  published_at: null,
  retrieved_at: null,
  url: null,
  reviewed_by: null,
  reviewed_at: null,
  sentence: null,
  value: null,
  value_max: null,
  unit: null,
  qualifier: null,
  ...over,
});

const rows: ExportRow[] = [
  row({
    id: 21,
    exact: LONG_QUOTE,
    speaker_name: 'Khalid Mahmood',
    speaker_kind: 'person',
    verdict: 'disputed',
    source_id: 1,
    outlet: 'Birmingham Mail & Post',
    title: 'Khalid Mahmood concedes Perry Barr to Ayoub Khan after 23 years as the seat’s MP — “a sad day” for Labour & the city',
    author: 'Zoë Ørsted-Ñuñez and Jane van der Berg',
    published_at: '2024-07-05T09:30:00Z',
    retrieved_at: '2025-01-02T09:00:00.000Z',
    url: 'https://www.birminghammail.example/news/perry-barr_result?id=528&utm=x%20y',
    sentence: `“${LONG_QUOTE},” said Mr. Mahmood.`,
  }),
  row({
    id: 22,
    kind: 'figure',
    exact: '528',
    speaker_name: 'Returning Officer {Perry Barr}',
    speaker_kind: 'person',
    source_id: 2,
    outlet: 'Middle East Eye',
    title: 'Pro-Palestine candidate pulls off shock win',
    author: 'Jean-Luc "JL" Picard; Sam {Sammy} Smith',
    published_at: '2024-07',
    retrieved_at: '2025-01-02',
    url: 'https://www.middleeasteye.example/shock-win',
    sentence: 'Ayoub Khan won by 528 votes.',
    value: 528,
    unit: 'votes',
  }),
  row({
    id: 23,
    kind: 'reported',
    exact: 'the party had "no plans" to stand aside',
    speaker_name: 'Labour & Co-operative Party',
    speaker_kind: 'organisation',
    verdict: 'verified',
    source_id: 3,
    outlet: 'The Jewish Chronicle',
    title: 'Revealed',
    author: 'Staff Reporter',
    published_at: '2024',
    url: 'https://www.thejc.example/revealed',
    sentence: 'A spokesman said the party had "no plans" to stand aside.',
  }),
  row({
    id: 24,
    exact: '50% of $5 is #1_000 ~ ^ \\ {odd}',
    speaker_name: 'Ana María de la Cruz',
    speaker_kind: 'person',
    source_id: 4,
    outlet: 'El País',
    title: 'Año nuevo',
    author: 'José Álvarez',
    published_at: '2023-12-31',
    url: 'https://elpais.example/a',
  }),
];

/** What a reader must get back: title, authors as written, the date's parts, the article URL. */
const expected = [
  { title: rows[0].title, authors: ['Zoë Ørsted-Ñuñez', 'Jane van der Berg'], date: [2024, 7, 5], url: rows[0].url },
  { title: rows[1].title, authors: ['Jean-Luc "JL" Picard', 'Sam {Sammy} Smith'], date: [2024, 7], url: rows[1].url },
  { title: 'Revealed', authors: ['Staff Reporter'], date: [2024], url: rows[2].url },
  { title: 'Año nuevo', authors: ['José Álvarez'], date: [2023, 12, 31], url: rows[3].url },
];

interface Item {
  title?: string;
  author?: { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string }[];
  issued?: { 'date-parts': (number | string)[][] };
  accessed?: { 'date-parts': (number | string)[][] };
  URL?: string | string[];
  note?: string;
}

const nameOf = (a: NonNullable<Item['author']>[number]) => a.literal ?? [a.given, a['non-dropping-particle'], a.family].filter(Boolean).join(' ');
const essentials = (items: Item[]) =>
  items.map((i) => ({ title: i.title, authors: (i.author ?? []).map(nameOf), date: i.issued?.['date-parts'][0].map(Number), url: [i.URL].flat()[0] }));

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

/** The claim's words, its speaker, its sentence and its permalink are all in the note. */
function expectNoteCarriesClaim(note: string | undefined, r: ExportRow) {
  expect(note).toContain(r.exact.replace(/\s+/g, ' '));
  if (r.speaker_name) expect(note).toContain(r.speaker_name);
  if (r.sentence) expect(note).toContain(r.sentence);
  expect(note).toContain(`verdict: ${r.verdict}`);
  expect(note).toContain(`https://claims.example/claims/${r.id}`);
}

describe('BibTeX read back by citation-js', () => {
  it('keeps title, authors, full and partial dates, URL, access date, and the claim in the note', async () => {
    const text = await collect(formatBibtex(rows, ctx));
    const back = new Cite(text).data as Item[];
    expect(essentials(back)).toEqual(expected);
    expect(back[0].accessed?.['date-parts'][0].map(Number)).toEqual([2025, 1, 2]);
    for (const [i, item] of back.entries()) expectNoteCarriesClaim(item.note, rows[i]);
    expect(back[1].note).toContain('figure: 528 votes');
  });

  it('writes months as unquoted macros beside a biblatex date, partial dates partial', async () => {
    const text = await collect(formatBibtex(rows, ctx));
    const entries = text.split(/\n(?=@article\{)/).filter((e) => e.startsWith('@article'));
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatch(/^\tyear = \{2024\},$/m);
    expect(entries[0]).toMatch(/^\tmonth = jul,$/m);
    expect(entries[0]).toMatch(/^\tdate = \{2024-07-05\},$/m);
    expect(entries[0]).toMatch(/^\turldate = \{2025-01-02\},$/m);
    expect(entries[1]).toMatch(/^\tmonth = jul,$/m);
    expect(entries[1]).toMatch(/^\tdate = \{2024-07\},$/m);
    expect(entries[2]).toMatch(/^\tdate = \{2024\},$/m);
    expect(entries[2]).not.toMatch(/month/);
    expect(entries[3]).toMatch(/^\tmonth = dec,$/m);
    // the old output: braced numbers and "jul 5"
    expect(text).not.toMatch(/month = \{/);
  });

  it('escapes TeX specials so the file parses and compiles: braces stay balanced in every entry', async () => {
    const text = await collect(formatBibtex(rows, ctx));
    for (const entry of text.split(/\n(?=@article\{)/).filter((e) => e.startsWith('@article'))) {
      let depth = 0;
      for (const c of entry) {
        depth += c === '{' ? 1 : c === '}' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
    expect(text).toContain('journal = {Birmingham Mail \\& Post}');
    expect(text).toContain('50\\% of \\$5 is \\#1\\_000 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textbraceleft{}odd\\textbraceright{}');
    const back = new Cite(text).data as Item[];
    expect(back[3].note).toContain(rows[3].exact);
  });
});

describe('RIS read back by citation-js', () => {
  it('has one tag per line, nothing wrapped, however long or odd the values', async () => {
    const text = await collect(formatRis(rows, ctx));
    const lines = text.replace(/\n$/, '').split('\n');
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    // a value longer than citation-js's 70-character wrap sits whole on its line
    expect(lines).toContain(`TI  - ${rows[0].title}`);
    expect(lines.find((l) => l.startsWith('N1  - '))).toContain(LONG_QUOTE);
    expect(lines.filter((l) => l === 'TY  - NEWS')).toHaveLength(4);
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(4);
    const first = text.split('ER  - ')[0];
    expect(first).toMatch(/^AU {2}- Ørsted-Ñuñez, Zoë$/m);
    expect(first).toMatch(/^AU {2}- van der Berg, Jane$/m);
    expect(first).toMatch(/^PY {2}- 2024$/m);
    expect(first).toMatch(/^DA {2}- 2024\/07\/05\/$/m);
    expect(first).toMatch(/^Y2 {2}- 2025\/01\/02\/$/m);
    expect(first).toMatch(/^UR {2}- https:\/\/www\.birminghammail\.example\/news\/perry-barr_result\?id=528&utm=x%20y$/m);
    expect(first).toMatch(/^UR {2}- https:\/\/claims\.example\/claims\/21$/m);
    expect(text.split('ER  - ')[1]).toMatch(/^DA {2}- 2024\/07\/\/$/m);
    expect(text.split('ER  - ')[2]).toMatch(/^DA {2}- 2024\/\/\/$/m);
  });

  it('citation-js reads title, URL and permalink, the year, the names, and the claim in the note', async () => {
    const text = await collect(formatRis(rows, ctx));
    const back = new Cite(text).data as (Item & { reporter?: string | string[] })[];
    expect(back.map((i) => i.title)).toEqual(expected.map((e) => e.title));
    expect(back.map((i) => i.issued?.['date-parts'][0][0])).toEqual([2024, 2024, 2024, 2023]);
    expect(back[0].URL).toEqual([rows[0].url, 'https://claims.example/claims/21']);
    // citation-js files a NEWS record's AU under "reporter" (the RIS spec's label for NEWS authors); the names arrive whole
    expect(back[0].reporter).toEqual(['Ørsted-Ñuñez, Zoë', 'van der Berg, Jane']);
    expect(back[1].reporter).toEqual(['Jean-Luc "JL" Picard', 'Sam {Sammy} Smith']);
    for (const [i, item] of back.entries()) expectNoteCarriesClaim(item.note, rows[i]);
  });

  it('parseRis (citation-js plus the AU and DA it leaves out for NEWS) gives back authors and the full dates', async () => {
    const back = parseRis(await collect(formatRis(rows, ctx))) as Item[];
    expect(essentials(back)).toEqual(expected);
    expect(back[0].accessed?.['date-parts'][0]).toEqual([2025, 1, 2]);
  });
});

describe('CSL-JSON read back by citation-js', () => {
  it('keeps title, authors, dates, URL, and the claim in the note and in custom fields', async () => {
    const back = new Cite(JSON.parse(await collect(formatCslJson(rows, ctx)))).data as (Item & { custom?: Record<string, unknown> })[];
    expect(essentials(back)).toEqual(expected);
    for (const [i, item] of back.entries()) expectNoteCarriesClaim(item.note, rows[i]);
    expect(back[1].custom).toEqual(
      expect.objectContaining({
        kind: 'figure',
        text: '528',
        value: 528,
        unit: 'votes',
        sentence: 'Ayoub Khan won by 528 votes.',
        speaker: 'Returning Officer {Perry Barr}',
        verdict: 'unverified',
        claim_url: 'https://claims.example/claims/22',
      }),
    );
    expect(back[0].custom).not.toHaveProperty('value');
  });
});
