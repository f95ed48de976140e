/**
 * The workbench's query history and current draft, kept in localStorage:
 * the last 50 distinct queries run, newest first, with when they ran and
 * how it went.
 */

const HISTORY_KEY = 'basin.workbench.history';
const DRAFT_KEY = 'basin.workbench.sql';
/** Queries kept in the history. */
export const HISTORY_SIZE = 50;

export interface HistoryEntry {
  sql: string;
  /** ISO time it ran. */
  at: string;
  ok: boolean;
  rows?: number | undefined;
  ms?: number | undefined;
}

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as HistoryEntry;
  return typeof e === 'object' && e !== null && typeof e.sql === 'string' && typeof e.at === 'string' && typeof e.ok === 'boolean';
}

/** The stored history (empty when missing or unreadable). */
export function loadHistory(): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

/** `history` with `entry` first (an earlier run of the same SQL dropped), at most HISTORY_SIZE long. */
export function withEntry(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const sql = entry.sql.trim();
  return [{ ...entry, sql }, ...history.filter((e) => e.sql.trim() !== sql)].slice(0, HISTORY_SIZE);
}

/** Stores `history` (ignored when storage is refused, as in some private windows). */
export function saveHistory(history: readonly HistoryEntry[]): void {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // The history then lasts as long as the page.
  }
}

/** The editor's last text, if any. */
export function loadDraft(): string | undefined {
  try {
    return localStorage.getItem(DRAFT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(sql: string): void {
  try {
    localStorage.setItem(DRAFT_KEY, sql);
  } catch {
    // Not kept across visits then.
  }
}
