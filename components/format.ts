/**
 * Pure formatting helpers for the dashboard. No locale APIs: output must be
 * identical on the server render and in the browser (hydration), and stable
 * in tests.
 */

const DASH = '—';

function trimFixed(n: number, digits: number): string {
  return n
    .toFixed(digits)
    .replace(/\.0+$/, '')
    .replace(/(\.\d*[1-9])0+$/, '$1');
}

/** Compact count: 950, 1.2k, 34k, 1.5M, 2.1G. */
export function formatCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs < 1000) return sign + trimFixed(abs, Number.isInteger(abs) ? 0 : 1);
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [div, unit] of units) {
    if (abs >= div) {
      const v = abs / div;
      return sign + trimFixed(v, v < 10 ? 1 : 0) + unit;
    }
  }
  return sign + String(abs);
}

/** Full count with comma thousands separators: 1,234,567 (what tests and copy-paste expect). */
export function formatInteger(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  const s = Math.round(Math.abs(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + s;
}

/** Events per second: 0/s, 0.4/s, 12/s, 1.2k/s. */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond == null || !Number.isFinite(perSecond)) return DASH;
  if (perSecond === 0) return '0/s';
  if (Math.abs(perSecond) < 10) return `${trimFixed(perSecond, 1)}/s`;
  return `${formatCount(Math.round(perSecond))}/s`;
}

/** Tooltip of a size shown rounded (lib/store/masked-size.ts). */
export const ROUNDED_SIZE_TITLE =
  'Rounded up: masking touched this event, and its exact size would reveal the masked values';

/** Bytes in binary units: 512 B, 1.5 KiB, 20 MiB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const digits = i === 0 ? 0 : v < 10 ? 1 : 0;
  return `${bytes < 0 ? '-' : ''}${trimFixed(v, digits)} ${units[i]}`;
}

/** Durations from milliseconds: 850 ms, 1.2 s, 12 s, 3 m 05 s, 2 h 10 m, 3 d 4 h. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 10_000) return `${sign}${trimFixed(a / 1000, 1)} s`;
  const totalS = Math.floor(a / 1000);
  if (totalS < 60) return `${sign}${totalS} s`;
  const m = Math.floor(totalS / 60);
  const s = totalS % 60;
  if (m < 60) return `${sign}${m} m ${String(s).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h} h ${String(m % 60).padStart(2, '0')} m`;
  return `${sign}${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Age of a timestamp relative to `now`: "just now", "4 s ago", "3 m 05 s ago", "never". */
export function formatAge(at: number | null | undefined, now: number): string {
  if (at == null || !Number.isFinite(at)) return 'never';
  const d = now - at;
  // Clocks of server and browser differ a little: a small negative age is "now".
  if (d < 1000) return 'just now';
  return `${formatDuration(d)} ago`;
}

/** Local wall-clock time with seconds: 14:03:07. */
export function formatClock(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Local wall-clock time with milliseconds: 14:03:07.042. */
export function formatClockMs(at: number): string {
  return `${formatClock(at)}.${String(new Date(at).getMilliseconds()).padStart(3, '0')}`;
}

/**
 * A transaction id for a narrow column: MySQL's `file=mysql-bin.000003,pos=4711`
 * as `mysql-bin.000003:4711`, and an id too long for `max` characters keeps its
 * end, the part that changes from one transaction to the next (the full id is
 * in the cell's tooltip).
 */
export function txShort(tx: string, max = 12): string {
  const m = /^file=([^,]+),pos=(\d+)/.exec(tx);
  const t = m ? `${m[1] ?? ''}:${m[2] ?? ''}` : tx;
  return t.length > max ? `…${t.slice(t.length - max + 1)}` : t;
}
