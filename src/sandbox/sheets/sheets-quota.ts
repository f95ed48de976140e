/**
 * The Sheets API's read quota: per user (service account) per minute,
 * counted in fixed one-minute windows of wall-clock time. Past it a read
 * answers 429 RESOURCE_EXHAUSTED, as Google does.
 */
import { GoogleApiError } from '../google/google-errors.js';

/** Google's documented quota: 60 read requests per minute per user per project. */
export const SHEETS_READS_PER_MINUTE_PER_USER = 60;

/** Counts reads per principal. */
export interface ReadQuota {
  /** Counts one read of `principal`; throws GoogleApiError 429 past the quota. */
  admit(principal: string): void;
}

/** A quota of `perMinute` reads per principal, on `wallClock`. */
export function createReadQuota(perMinute: number, wallClock: () => number): ReadQuota {
  let window = -1;
  const counts = new Map<string, number>();
  return {
    admit(principal) {
      const current = Math.floor(wallClock() / 60_000);
      if (current !== window) {
        window = current;
        counts.clear();
      }
      const n = (counts.get(principal) ?? 0) + 1;
      counts.set(principal, n);
      if (n > perMinute) {
        throw new GoogleApiError(
          429,
          "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
        );
      }
    },
  };
}
