// One rule for publication dates. Sources are dated to the year, the month, the day or the minute; the database
// stores the date as written in ISO form (YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time), because date filters
// compare it as a prefix ("2024-07" finds every day of July) and CSL, BibTeX and RIS read its leading YYYY-MM-DD.
import { z } from 'zod';

export const NOT_A_DATE = 'not a date: use YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time (2024-07-05T10:00:00Z)';
const NOT_A_PARTIAL_DATE = 'not a date: use YYYY, YYYY-MM or YYYY-MM-DD';
export const NO_SUCH_DATE = 'that date does not exist';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
// the day, T (or a space), hours and minutes, optional seconds and fraction, optional zone (Z, +01, +0100, +01:00)
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

export type DateCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Whether year, month and day name a day on the calendar (month and day may be unknown). */
function exists(year: number, month?: number, day?: number): boolean {
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/**
 * A publication date checked and normalised: YYYY, YYYY-MM and YYYY-MM-DD as written; an ISO date-time with "T"
 * and "Z" in capitals and its own time zone kept (converting to UTC could move it to another day). Pure.
 */
export function checkPublished(input: string, options: { dateTime?: boolean } = {}): DateCheck {
  const v = input.trim();
  const p = PARTIAL.exec(v);
  if (p) return exists(Number(p[1]), num(p[2]), num(p[3])) ? { ok: true, value: v } : { ok: false, reason: NO_SUCH_DATE };
  const t = options.dateTime === false ? null : DATE_TIME.exec(v);
  if (!t) return { ok: false, reason: options.dateTime === false ? NOT_A_PARTIAL_DATE : NOT_A_DATE };
  const [hours, minutes, seconds] = [Number(t[4]), Number(t[5]), Number(t[6] ?? 0)];
  const zone = t[7] && !/^[Zz]$/.test(t[7]) ? Number(t[7].slice(1, 3)) : 0;
  if (!exists(Number(t[1]), Number(t[2]), Number(t[3])) || hours > 23 || minutes > 59 || seconds > 59 || zone > 14) return { ok: false, reason: NO_SUCH_DATE };
  return { ok: true, value: `${v.slice(0, 10)}T${v.slice(11).replace(/z$/, 'Z')}` };
}

/** A date known to the year, month or day (YYYY, YYYY-MM or YYYY-MM-DD): search and list filters. */
export const PartialDateSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = checkPublished(v, { dateTime: false });
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  });

/** A publication date (a partial date or an ISO date-time), normalised by checkPublished: the paste form. */
export const PublishedSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = checkPublished(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  });

/**
 * Front matter's `published`: YAML gives a number for `published: 2024` and (with a timestamp schema) a Date for
 * `published: 2024-06-11`; both are read as the text they were written as. Blank is unknown (null).
 */
export const FrontMatterPublishedSchema = z
  .union([z.string(), z.date(), z.number().int()])
  .nullish()
  .transform((v) => (v instanceof Date ? dateText(v) : v === null || v === undefined ? '' : String(v).trim()))
  .transform((v, ctx) => {
    if (v === '') return null;
    const r = checkPublished(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  });

/** A Date as YYYY-MM-DD when it is a midnight UTC (a day), else its ISO date-time. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** "Jul", "July", "Sept" → 1–12, else undefined. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w) && (w.length === 3 || m === w || w === 'sept'));
  return i < 0 ? undefined : i + 1;
}

const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const TIME_TAIL = String.raw`(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}.*)?`;
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+\.?),?\s+(\d{4})${TIME_TAIL}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_TAIL}$`, 'i');
const MONTH_YEAR = /^([a-z]+\.?),?\s+(\d{4})$/i;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date from a page's metadata (`article:published_time`, `<meta name="date">`): ISO forms as checkPublished
 * takes them; other unambiguous forms ("July 4, 2024", "Thu, 04 Jul 2024 10:00:00 GMT", "4 July 2024",
 * "2024/07/04", "20240704") as YYYY-MM or YYYY-MM-DD; anything else ("12/05/2024": May or December?) is left
 * out with a warning rather than stored as written. Pure.
 */
export function publishedFromMeta(raw: string | null | undefined): { value: string | null; warning: string | null } {
  const v = (raw ?? '').trim();
  if (!v) return { value: null, warning: null };
  const iso = checkPublished(v);
  if (iso.ok) return { value: iso.value, warning: null };
  let parts: [number, number | undefined, number | undefined] | null = null;
  let m: RegExpExecArray | null;
  if ((m = DAY_MONTH_YEAR.exec(v)) && monthNumber(m[2])) parts = [Number(m[3]), monthNumber(m[2]), Number(m[1])];
  else if ((m = MONTH_DAY_YEAR.exec(v)) && monthNumber(m[1])) parts = [Number(m[3]), monthNumber(m[1]), Number(m[2])];
  else if ((m = MONTH_YEAR.exec(v)) && monthNumber(m[1])) parts = [Number(m[2]), monthNumber(m[1]), undefined];
  else if ((m = YEAR_FIRST.exec(v) ?? COMPACT.exec(v))) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (parts && exists(...parts)) {
    const [y, mo, d] = parts;
    return { value: `${y}-${pad(mo!)}${d === undefined ? '' : `-${pad(d)}`}`, warning: null };
  }
  return { value: null, warning: `the page's publication date "${v.slice(0, 60)}" is not an unambiguous date: left out` };
}
