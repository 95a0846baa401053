/** A small stacked-bar chart of claims per month coloured by outlet, as plain numbers for an inline SVG. Pure. */
interface TimelineBar {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  title: string;
}
export interface Timeline {
  width: number;
  height: number;
  bars: TimelineBar[];
  labels: { x: number; text: string }[];
  legend: { outlet: string; fill: string; count: number }[];
  undated: number;
  months: number;
  max: number;
}

// Colour-blind-safe (Okabe–Ito) series colours, in order of outlet size.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_MONTHS = 120;

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthLabel = (i: number) => `${MONTH_NAMES[i % 12]} ${Math.floor(i / 12)}`;

export function buildTimeline(claims: { published_at: string | null; outlet: string | null }[], size = { width: 640, height: 140 }): Timeline {
  const perOutlet = new Map<string, number>();
  const cells = new Map<number, Map<string, number>>();
  let undated = 0;
  for (const c of claims) {
    const outlet = c.outlet ?? 'Unknown outlet';
    perOutlet.set(outlet, (perOutlet.get(outlet) ?? 0) + 1);
    // a year-only date has no month: counted as undated in the chart rather than pinned to January
    if (!c.published_at || !/^\d{4}-\d{2}/.test(c.published_at)) {
      undated++;
      continue;
    }
    const m = monthIndex(c.published_at);
    const cell = cells.get(m) ?? new Map<string, number>();
    cell.set(outlet, (cell.get(outlet) ?? 0) + 1);
    cells.set(m, cell);
  }
  const outlets = [...perOutlet.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colour = new Map(outlets.map(([o], i) => [o, i < PALETTE.length - 1 ? PALETTE[i] : PALETTE[PALETTE.length - 1]]));
  const legend = outlets.map(([outlet, count]) => ({ outlet, fill: colour.get(outlet)!, count }));
  if (!cells.size) return { ...size, bars: [], labels: [], legend, undated, months: 0, max: 0 };
  const keys = [...cells.keys()];
  const last = Math.max(...keys);
  const first = Math.max(Math.min(...keys), last - MAX_MONTHS + 1);
  const months = last - first + 1;
  const max = Math.max(...[...cells.values()].map((c) => [...c.values()].reduce((a, b) => a + b, 0)));
  const plotTop = 8;
  const plotBottom = size.height - 22;
  const slot = size.width / months;
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const bars: TimelineBar[] = [];
  for (let m = first; m <= last; m++) {
    const cell = cells.get(m);
    if (!cell) continue;
    let y = plotBottom;
    for (const [outlet] of outlets) {
      const n = cell.get(outlet);
      if (!n) continue;
      const h = ((plotBottom - plotTop) * n) / max;
      y -= h;
      bars.push({
        x: round((m - first) * slot + (slot - barWidth) / 2),
        y: round(y),
        width: round(barWidth),
        height: round(h),
        fill: colour.get(outlet)!,
        title: `${monthLabel(m)}: ${n} claim${n === 1 ? '' : 's'} in ${outlet}`,
      });
    }
  }
  const step = Math.max(1, Math.ceil(months / 8));
  const labels = [];
  for (let m = first; m <= last; m += step) labels.push({ x: round((m - first) * slot + slot / 2), text: monthLabel(m) });
  return { ...size, bars, labels, legend, undated, months, max };
}

const round = (n: number) => Math.round(n * 10) / 10;
