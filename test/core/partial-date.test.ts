import {
  checkPublished,
  FrontMatterPublishedSchema,
  NO_SUCH_DATE,
  NOT_A_DATE,
  PartialDateSchema,
  publishedFromMeta,
  PublishedSchema,
} from '../../src/core/partial-date.js';

describe('checkPublished', () => {
  it.each([
    ['2024', '2024'],
    ['2024-07', '2024-07'],
    ['2024-07-05', '2024-07-05'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2024-07-05T10:00:00Z', '2024-07-05T10:00:00Z'],
    ['2024-07-05t10:00z', '2024-07-05T10:00Z'],
    ['2024-07-05 10:00:00.123+01:00', '2024-07-05T10:00:00.123+01:00'],
    // the zone is kept: in UTC this would be the 4th, but the paper published it on the 5th
    ['2024-07-05T00:30:00+0100', '2024-07-05T00:30:00+0100'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkPublished(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['July 4', NOT_A_DATE],
    ['12/05/2024', NOT_A_DATE],
    ['yesterday', NOT_A_DATE],
    ['24', NOT_A_DATE],
    ['2024-7-5', NOT_A_DATE],
    ['2024-13', NO_SUCH_DATE],
    ['2024-00', NO_SUCH_DATE],
    ['2024-02-30', NO_SUCH_DATE],
    ['2023-02-29', NO_SUCH_DATE],
    ['2024-07-05T24:00:00Z', NO_SUCH_DATE],
    ['2024-07-05T10:61Z', NO_SUCH_DATE],
    ['2024-02-30T10:00:00Z', NO_SUCH_DATE],
  ])('rejects %j: %s', (input, reason) => {
    expect(checkPublished(input)).toEqual({ ok: false, reason });
  });

  it('takes no date-time where only a partial date is wanted', () => {
    expect(checkPublished('2024-07-05T10:00:00Z', { dateTime: false }).ok).toBe(false);
    expect(PartialDateSchema.safeParse('2024-07').data).toBe('2024-07');
    expect(PartialDateSchema.safeParse('2024-07-05T10:00:00Z').success).toBe(false);
    expect(PartialDateSchema.safeParse('2024-13').error?.issues[0].message).toBe(NO_SUCH_DATE);
  });
});

describe('the schemas', () => {
  it('PublishedSchema normalises and names the problem', () => {
    expect(PublishedSchema.parse('2024-07-05t10:00z')).toBe('2024-07-05T10:00Z');
    expect(PublishedSchema.safeParse('July 4').error?.issues[0].message).toBe(NOT_A_DATE);
  });

  it('FrontMatterPublishedSchema reads YAML numbers and dates as written and blanks as unknown', () => {
    expect(FrontMatterPublishedSchema.parse(2024)).toBe('2024');
    expect(FrontMatterPublishedSchema.parse(new Date(Date.UTC(2024, 5, 11)))).toBe('2024-06-11');
    expect(FrontMatterPublishedSchema.parse(new Date(Date.UTC(2024, 5, 11, 9, 30)))).toBe('2024-06-11T09:30:00.000Z');
    expect(FrontMatterPublishedSchema.parse('')).toBeNull();
    expect(FrontMatterPublishedSchema.parse(null)).toBeNull();
    expect(FrontMatterPublishedSchema.parse(undefined)).toBeNull();
    expect(FrontMatterPublishedSchema.safeParse(24).success).toBe(false);
    expect(FrontMatterPublishedSchema.safeParse('2024-02-30').error?.issues[0].message).toBe(NO_SUCH_DATE);
  });
});

describe('publishedFromMeta', () => {
  it.each([
    ['2024-07-05T10:00:00+01:00', '2024-07-05T10:00:00+01:00'],
    ['July 4, 2024', '2024-07-04'],
    ['Jul 4 2024', '2024-07-04'],
    ['4 July 2024', '2024-07-04'],
    ['4th Sept. 2024', '2024-09-04'],
    ['Thursday, 4 July 2024', '2024-07-04'],
    ['Thu, 04 Jul 2024 10:00:00 GMT', '2024-07-04'],
    ['July 4, 2024, 10:30 AM EDT', '2024-07-04'],
    ['July 2024', '2024-07'],
    ['2024/07/04', '2024-07-04'],
    ['2024.7.4', '2024-07-04'],
    ['20240704', '2024-07-04'],
  ])('reads %j as %j', (raw, value) => {
    expect(publishedFromMeta(raw)).toEqual({ value, warning: null });
  });

  it.each(['12/05/2024', '05.12.2024', 'July 4', 'Foo 4, 2024', 'February 30, 2024', '2024-02-30', 'last week'])('leaves out %j with a warning', (raw) => {
    const r = publishedFromMeta(raw);
    expect(r.value).toBeNull();
    expect(r.warning).toBe(`the page's publication date "${raw}" is not an unambiguous date: left out`);
  });

  it('says nothing when the page has no date', () => {
    expect(publishedFromMeta(null)).toEqual({ value: null, warning: null });
    expect(publishedFromMeta('  ')).toEqual({ value: null, warning: null });
  });
});
