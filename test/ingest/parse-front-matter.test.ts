import { parseFrontMatter } from '../../src/ingest/parse-front-matter.js';

describe('parseFrontMatter', () => {
  it('reads the fields and returns the body untouched', () => {
    const r = parseFrontMatter(
      '---\ntitle: "A: B"\noutlet: The Jewish Chronicle\nurl: https://example.org/a\npublished: 2024-06-11\nauthor:\nlanguage: en\n---\nBody “here”.\n',
    );
    expect(r).toEqual({
      ok: true,
      meta: { title: 'A: B', outlet: 'The Jewish Chronicle', url: 'https://example.org/a', published: '2024-06-11', author: null, language: 'en' },
      body: 'Body “here”.\n',
    });
  });

  it('keeps partial dates as written', () => {
    const r = parseFrontMatter('---\npublished: "2017"\n---\nx');
    expect(r.ok && r.meta?.published).toBe('2017');
    const m = parseFrontMatter('---\npublished: 2024-06\n---\nx');
    expect(m.ok && m.meta?.published).toBe('2024-06');
  });

  it('takes a year written as a number and an ISO date-time, normalised', () => {
    const y = parseFrontMatter('---\npublished: 2017\n---\nx');
    expect(y.ok && y.meta?.published).toBe('2017');
    const t = parseFrontMatter('---\npublished: 2024-07-05 10:00:00z\n---\nx');
    expect(t.ok && t.meta?.published).toBe('2024-07-05T10:00:00Z');
    const blank = parseFrontMatter('---\npublished:\n---\nx');
    expect(blank.ok && blank.meta?.published).toBeNull();
  });

  it('gives null meta for a file without front matter', () => {
    expect(parseFrontMatter('Just text\n')).toEqual({ ok: true, meta: null, body: 'Just text\n' });
  });

  it.each([
    ['an unclosed block', '---\ntitle: x\nno end', /opening "---" has no closing "---"/],
    ['invalid YAML', '---\ntitle: [unclosed\n---\nbody', /front matter: invalid YAML/],
    ['a bad URL', '---\nurl: javascript:alert(1)\n---\nbody', /field "url": not an http\(s\) URL/],
    ['a bad date', '---\npublished: yesterday-ish\n---\nbody', /field "published": not a date/],
    [
      'a date without a year',
      '---\npublished: July 4\n---\nbody',
      /^front matter: field "published": not a date: use YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time/,
    ],
    ['a day-first or month-first date', '---\npublished: 12/05/2024\n---\nbody', /^front matter: field "published": not a date/],
    ['month 13', '---\npublished: 2024-13\n---\nbody', /^front matter: field "published": that date does not exist$/],
    ['30 February', '---\npublished: 2024-02-30\n---\nbody', /^front matter: field "published": that date does not exist$/],
    ['an unknown field', '---\ntitel: typo\n---\nbody', /field "titel"/],
    ['a list instead of a mapping', '---\n- a\n- b\n---\nbody', /must be a mapping/],
    ['a title that is a mapping', '---\ntitle:\n  nested: 1\n---\nbody', /field "title"/],
  ])('rejects %s, naming the field', (_name, text, reason) => {
    const r = parseFrontMatter(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});
