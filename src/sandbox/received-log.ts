/**
 * The record of accepted requests a write-side fake keeps for tests
 * (`VendorFake.received`): bounded, oldest dropped first.
 */
import type { ReceivedRequest, SandboxRequest } from './vendor-fake.js';

/** Requests kept per vendor before the oldest are dropped. */
export const RECEIVED_LOG_LIMIT = 10_000;

/** A bounded log of accepted requests. */
export interface ReceivedLog {
  /** Records `request` when `status` is a success (2xx). */
  record(request: SandboxRequest, status: number): void;
  list(): readonly ReceivedRequest[];
  reset(): void;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A new, empty log keeping at most `limit` requests. */
export function createReceivedLog(limit = RECEIVED_LOG_LIMIT): ReceivedLog {
  let entries: ReceivedRequest[] = [];
  return {
    record(request, status) {
      if (status < 200 || status > 299) return;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      entries.push({
        method: request.method,
        path: request.path,
        query: request.url.search.replace(/^\?/, ''),
        headers,
        body: parseBody(request.body),
        at: request.now,
        status,
      });
      if (entries.length > limit) entries = entries.slice(entries.length - limit);
    },
    list: () => entries,
    reset() {
      entries = [];
    },
  };
}
