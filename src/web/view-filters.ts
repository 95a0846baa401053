import type nunjucks from 'nunjucks';

/** Small display helpers for templates; none of them returns markup, so autoescaping stays in force. */
export function addViewFilters(env: nunjucks.Environment): void {
  env.addFilter('date', (v: string | null | undefined) => {
    if (!v) return '';
    if (/^\d{4}(-\d{2})?$/.test(v)) return partialDate(v); // a year or month only: never pad to a day
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  });
  env.addFilter('datetime', (v: string | null | undefined) => {
    if (!v) return '';
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  });
  env.addFilter('number', (v: number | null | undefined) => (v === null || v === undefined ? '' : Number(v).toLocaleString('en-GB')));
  env.addFilter('truncate_words', (v: string, n = 30) => {
    const words = String(v ?? '').split(/\s+/);
    return words.length > n ? `${words.slice(0, n).join(' ')}…` : String(v ?? '');
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function partialDate(v: string): string {
  const [year, month] = v.split('-');
  return month ? `${MONTHS[Number(month) - 1] ?? month} ${year}` : year;
}
