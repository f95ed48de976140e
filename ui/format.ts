/** How the UI writes times, durations and counts. */

/** `12 s`, `3 min 4 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Duration between two ISO times (to now when `end` is null and `running`). */
export function durationBetween(start: string | null, end: string | null, now = Date.now()): string {
  if (!start) return '–';
  const to = end ? Date.parse(end) : now;
  return formatDuration(to - Date.parse(start));
}

/** `3 min ago`, `in 2 h`. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return '–';
  const diff = Date.parse(iso) - now;
  const text = formatDuration(Math.abs(diff)).replace(/ \d+ (s|min)$/, '');
  if (Math.abs(diff) < 5000) return 'just now';
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

/** Local date and time, seconds included. */
export function dateTime(iso: string | null): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** 1,234,567 */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}
