import { Cite } from '../../src/export/citation-js.js';
import { formatBibtex } from '../../src/export/bibtex.js';
import { claimReviewedText, formatClaimReview, missingClaimReviewFields, toClaimReview } from '../../src/export/claimreview.js';
import { formatCslJson, parseByline, parseName, toDateParts } from '../../src/export/csl.js';
import { csvCell, formatCsv } from '../../src/export/csv.js';
import { formatHtml, formatMarkdown } from '../../src/export/markdown.js';
import { formatRis, parseRis } from '../../src/export/ris.js';
import type { ExportContext, ExportRow } from '../../src/export/types.js';
import { figureReading } from '../../src/export/claim-note.js';

const ctx: ExportContext = { count: 3, baseUrl: 'https://claims.example', publisher: 'Test Newsroom', generatedAt: '2025-01-05T10:00:00.000Z' };

const rows: ExportRow[] = [
  {
    id: 11,
    kind: 'quote',
    exact: 'We want to make this a regular feature.',
    start: 100,
    end: 139,
    speaker_name: 'Muddassar Ahmed',
    speaker_kind: 'person',
    verdict: 'verified',
    source_id: 1,
    outlet: 'BuzzFeed News',
    title: 'A Group Of Muslims Are Crowdfunding',
    author: 'Hannah Al-Othman',
    published_at: '2017-05-12',
    retrieved_at: '2025-01-02T09:00:00.000Z',
    url: 'https://www.buzzfeed.com/example',
    reviewed_by: 'ed',
    reviewed_at: '2025-01-03T12:00:00.000Z',
    sentence: '"We want to make this a regular feature," he said.',
    value: null,
    value_max: null,
    unit: null,
    qualifier: null,
  },
  {
    id: 12,
    kind: 'figure',
    exact: '528 votes',
    start: 5,
    end: 14,
    speaker_name: null,
    speaker_kind: null,
    verdict: 'unverified',
    source_id: 2,
    outlet: 'Middle East Eye',
    title: 'Pro-Palestine candidate pulls off shock win',
    author: 'Jane van der Berg and Sam Smith',
    published_at: '2024-07',
    retrieved_at: '2025-01-02T09:00:00.000Z',
    url: 'https://www.middleeasteye.net/example',
    reviewed_by: null,
    reviewed_at: null,
    sentence: 'He won by 528 votes.',
    value: 528,
    value_max: null,
    unit: 'votes',
    qualifier: null,
  },
  {
    id: 13,
    kind: 'reported',
    exact: '=HYPERLINK("http://evil") said, "quoted"\nnext line',
    start: 0,
    end: 40,
    speaker_name: 'Labour Muslim Network',
    speaker_kind: 'organisation',
    verdict: 'false',
    source_id: 3,
    outlet: 'The Jewish Chronicle',
    title: 'Revealed',
    author: 'Staff Reporter',
    published_at: '2024',
    retrieved_at: '2025-01-02T09:00:00.000Z',
    url: 'https://www.thejc.com/example',
    reviewed_by: 'editor2',
    reviewed_at: '2025-01-04T08:00:00.000Z',
    sentence: 'The network =HYPERLINK("http://evil") said, "quoted"\nnext line.',
    value: null,
    value_max: null,
    unit: null,
    qualifier: null,
  },
];

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

interface Parsed {
  title?: string;
  'container-title'?: string;
  author?: { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string }[];
  issued?: { 'date-parts': number[][] };
  URL?: string;
}

/** What must survive a round trip: title, outlet, author, date, URL. */
function essentials(items: Parsed[]) {
  return items.map((i) => ({
    title: i.title,
    outlet: i['container-title'],
    authors: (i.author ?? []).map((a) => a.literal ?? [a.given, a['non-dropping-particle'], a.family].filter(Boolean).join(' ')),
    date: i.issued?.['date-parts'][0].map(Number),
    url: i.URL,
  }));
}

const expected = [
  {
    title: 'A Group Of Muslims Are Crowdfunding',
    outlet: 'BuzzFeed News',
    authors: ['Hannah Al-Othman'],
    date: [2017, 5, 12],
    url: 'https://www.buzzfeed.com/example',
  },
  {
    title: 'Pro-Palestine candidate pulls off shock win',
    outlet: 'Middle East Eye',
    authors: ['Jane van der Berg', 'Sam Smith'],
    date: [2024, 7],
    url: 'https://www.middleeasteye.net/example',
  },
  { title: 'Revealed', outlet: 'The Jewish Chronicle', authors: ['Staff Reporter'], date: [2024], url: 'https://www.thejc.com/example' },
];

describe('names and dates', () => {
  it('parses bylines into family/given, and organisations into literals', () => {
    expect(parseName('Hannah Al-Othman')).toEqual({ family: 'Al-Othman', given: 'Hannah' });
    expect(parseName('Jane van der Berg')).toEqual({ family: 'van der Berg', given: 'Jane' });
    expect(parseName('Smith, John')).toEqual({ family: 'Smith', given: 'John' });
    expect(parseName('BBC News')).toEqual({ literal: 'BBC News' });
    expect(parseByline('Jane Doe, John Roe')).toEqual([
      { family: 'Doe', given: 'Jane' },
      { family: 'Roe', given: 'John' },
    ]);
    expect(parseByline(null)).toEqual([]);
  });

  it('keeps partial dates partial', () => {
    expect(toDateParts('2024')).toEqual({ 'date-parts': [[2024]] });
    expect(toDateParts('2024-07')).toEqual({ 'date-parts': [[2024, 7]] });
    expect(toDateParts('2024-07-03T10:00:00Z')).toEqual({ 'date-parts': [[2024, 7, 3]] });
    expect(toDateParts('July')).toBeUndefined();
    // an impossible month (and the day with it) is dropped, an impossible day alone
    expect(toDateParts('2024-13-05')).toEqual({ 'date-parts': [[2024]] });
    expect(toDateParts('2024-07-32')).toEqual({ 'date-parts': [[2024, 7]] });
  });
});

describe('figure readings', () => {
  const fig = (over: Partial<ExportRow>) => ({ ...rows[1], ...over });
  it('say value, range, unit and qualifier; nothing for other kinds', () => {
    expect(figureReading(fig({}))).toBe('528 votes');
    expect(figureReading(fig({ value: 70000, unit: 'count', qualifier: 'almost' }))).toBe('almost 70,000 (count)');
    expect(figureReading(fig({ value: 500, value_max: 600, unit: 'people' }))).toBe('500–600 people');
    expect(figureReading(fig({ value: 35.5, unit: 'percentage_points' }))).toBe('35.5 percentage points');
    expect(figureReading(fig({ value: 4000, unit: 'GBP', value_max: 4000 }))).toBe('4,000 GBP');
    expect(figureReading(fig({ value: null }))).toBeNull();
    expect(figureReading(rows[0])).toBeNull();
  });
});

describe('round trips through citation-js', () => {
  it('CSL-JSON: the items read back with title, outlet, author, date, URL, quote and offsets', async () => {
    const text = await collect(formatCslJson(rows, ctx));
    const parsed = JSON.parse(text);
    expect(parsed[0]).toEqual(expect.objectContaining({ type: 'article-newspaper', accessed: { 'date-parts': [[2025, 1, 2]] } }));
    expect(parsed[0].note).toContain('We want to make this a regular feature.');
    expect(parsed[0].custom).toEqual(expect.objectContaining({ claim_id: 11, start: 100, end: 139 }));
    expect(essentials(new Cite(parsed).data as Parsed[])).toEqual(expected);
    expect(JSON.parse(await collect(formatCslJson([], ctx)))).toEqual([]);
  });

  it('BibTeX: @article with journal, url and urldate, parsed back to the same items', async () => {
    const text = await collect(formatBibtex(rows, ctx));
    expect(text).toMatch(/^% claimtrail export: 3 claims/);
    expect(text).toContain('@article{claim11,');
    expect(text).toContain('journal = {BuzzFeed News}');
    expect(text).toContain('urldate = {2025-01-02}');
    const back = new Cite(text).data as (Parsed & { accessed?: { 'date-parts': number[][] } })[];
    expect(essentials(back)).toEqual(expected);
    expect(back[0].accessed?.['date-parts'][0].map(Number)).toEqual([2025, 1, 2]);
  });

  it('RIS: TY NEWS with AU, DA, Y2, UR, T2, parsed back by parseRis', async () => {
    const text = await collect(formatRis(rows, ctx));
    const first = text.split('ER  -')[0];
    expect(first).toMatch(/^TY {2}- NEWS$/m);
    expect(first).toMatch(/^AU {2}- Al-Othman, Hannah$/m);
    expect(first).toMatch(/^DA {2}- 2017\/05\/12\/$/m);
    expect(first).toMatch(/^Y2 {2}- 2025\/01\/02\/$/m);
    expect(first).toMatch(/^UR {2}- https:\/\/www\.buzzfeed\.com\/example$/m);
    expect(first).toMatch(/^T2 {2}- BuzzFeed News$/m);
    const back = parseRis(text) as Parsed[];
    expect(essentials(back)).toEqual(expected);
    // citation-js alone reads NEWS authors as "reporter": the reason parseRis exists
    expect((new Cite(text).data[0] as { author?: unknown }).author).toBeUndefined();
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses cells that a spreadsheet would run as formulas', async () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
    const text = await collect(formatCsv(rows, ctx));
    const lines = text.split('\r\n');
    // the first eleven columns are as before; sentence, permalink and a figure's fields follow them
    expect(lines[0]).toBe('id,kind,text,speaker,outlet,title,date,url,start,end,verdict,sentence,claim_url,value,value_max,unit,qualifier');
    expect(lines[1]).toBe(
      '11,quote,We want to make this a regular feature.,Muddassar Ahmed,BuzzFeed News,A Group Of Muslims Are Crowdfunding,2017-05-12,https://www.buzzfeed.com/example,100,139,verified,' +
        '"""We want to make this a regular feature,"" he said.",https://claims.example/claims/11,,,,',
    );
    expect(lines[2]).toBe(
      '12,figure,528 votes,,Middle East Eye,Pro-Palestine candidate pulls off shock win,2024-07,https://www.middleeasteye.net/example,5,14,unverified,He won by 528 votes.,https://claims.example/claims/12,528,,votes,',
    );
    expect(text).toContain(`13,reported,"'=HYPERLINK(""http://evil"") said, ""quoted""\nnext line",Labour Muslim Network`);
    expect(text).toContain(`,"The network =HYPERLINK(""http://evil"") said, ""quoted""\nnext line.",https://claims.example/claims/13,`);
  });
});

describe('ClaimReview', () => {
  it('describes judged claims with every required field, and skips unverified ones', async () => {
    const review = toClaimReview(rows[0], ctx);
    expect(missingClaimReviewFields(review)).toEqual([]);
    expect(review).toEqual(
      expect.objectContaining({
        url: 'https://claims.example/claims/11',
        claimReviewed: rows[0].exact,
        datePublished: '2025-01-03',
        author: { '@type': 'Organization', name: 'Test Newsroom' },
        reviewRating: { '@type': 'Rating', alternateName: 'Verified', ratingValue: 5, bestRating: 5, worstRating: 1 },
      }),
    );
    expect(review.itemReviewed).toEqual({
      '@type': 'Claim',
      text: '"We want to make this a regular feature," he said.',
      author: { '@type': 'Person', name: 'Muddassar Ahmed' },
      datePublished: '2017-05-12',
      appearance: {
        '@type': 'CreativeWork',
        url: 'https://www.buzzfeed.com/example',
        headline: 'A Group Of Muslims Are Crowdfunding',
        publisher: { '@type': 'Organization', name: 'BuzzFeed News' },
      },
    });
    expect(toClaimReview(rows[2], ctx).itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Labour Muslim Network' });
    expect(missingClaimReviewFields({ ...review, claimReviewed: '' })).toEqual(['claimReviewed']);

    const doc = JSON.parse(await collect(formatClaimReview(rows, { ...ctx, count: 2 })));
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc.numberOfItems).toBe(2);
    expect(doc.itemListElement.map((r: { url: string }) => r.url)).toEqual(['https://claims.example/claims/11', 'https://claims.example/claims/13']);
    for (const r of doc.itemListElement) expect(missingClaimReviewFields(r)).toEqual([]);
    // the unverified figure among the rows is counted in the note, with the reason
    expect(doc.description).toBe(
      '2 claims reviewed; 1 claim skipped: not reviewed yet (verdict unverified); only claims an editor has judged become ClaimReviews.',
    );
  });

  it('adds the claims the query left out to the skipped count, and says so when nothing is reviewed', async () => {
    const some = JSON.parse(await collect(formatClaimReview([rows[0]], { ...ctx, count: 1, skipped: 4 })));
    expect(some.numberOfItems).toBe(1);
    expect(some.description).toMatch(/^1 claim reviewed; 4 claims skipped: not reviewed yet \(verdict unverified\)/);
    const none = JSON.parse(await collect(formatClaimReview([rows[1]], { ...ctx, count: 0, skipped: 2 })));
    expect(none.itemListElement).toEqual([]);
    expect(none.numberOfItems).toBe(0);
    expect(none.description).toMatch(/^Nothing to export: none of the 3 claims has been reviewed \(all unverified\)/);
    expect(JSON.parse(await collect(formatClaimReview([], { ...ctx, count: 0 }))).description).toBe('Nothing to export: no claims matched.');
  });

  it('reviews a figure as its sentence and reading, never a bare number', () => {
    const figure = { ...rows[1], exact: '528', verdict: 'disputed', qualifier: 'more than', value_max: 600 };
    expect(claimReviewedText(figure)).toBe('He won by 528 votes. [figure: more than 528–600 votes]');
    expect(claimReviewedText({ ...figure, sentence: null })).toBe('528 [figure: more than 528–600 votes]');
    expect(toClaimReview(figure, ctx).claimReviewed).not.toBe('528');
  });
});

describe('bibliographies', () => {
  it('Markdown in APA: one entry per source, each followed by its quoted words', async () => {
    const md = await collect(formatMarkdown(rows, ctx, 'apa'));
    expect(md).toContain('3 claims from 3 sources (APA 7th edition)');
    expect(md).toContain('Al-Othman, H. (2017, May 12). A Group Of Muslims Are Crowdfunding. *BuzzFeed News*. https://www.buzzfeed.com/example');
    expect(md).toContain('> “We want to make this a regular feature.” — Muddassar Ahmed ([claim 11](https://claims.example/claims/11))');
    expect(md).toContain('  > Sentence: “"We want to make this a regular feature," he said.” · quote · verdict: verified\n');
    // a figure with its reading and sentence, not a bare number
    expect(md).toContain(
      '> “528 votes” \\[figure: 528 votes\\] ([claim 12](https://claims.example/claims/12))\n  >\n  > Sentence: “He won by 528 votes.” · figure · verdict: unverified',
    );
  });

  it('Markdown and HTML in Chicago author-date, with the quotes escaped', async () => {
    const md = await collect(formatMarkdown(rows, ctx, 'chicago'));
    expect(md).toContain('Al-Othman, Hannah. 2017. “A Group Of Muslims Are Crowdfunding.” *BuzzFeed News*, May 12.');
    expect(md).toContain(
      'Berg, Jane van der, and Sam Smith. 2024. “Pro-Palestine candidate pulls off shock win.” *Middle East Eye*, July. Accessed January 2, 2025.',
    );
    const html = await collect(
      formatHtml([{ ...rows[0], exact: '<script>alert(1)</script>', sentence: 'He said <img src=x onerror=alert(1)>.' }], { ...ctx, count: 1 }, 'chicago'),
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p class="claim-sentence">Sentence: “He said &lt;img src=x onerror=alert(1)&gt;.”</p>');
    expect(html).toContain('<p class="claim-meta">quote · verdict: verified · <a href="https://claims.example/claims/11">claim 11</a></p>');
    expect(html).toContain('<i>BuzzFeed News</i>');
  });
});
