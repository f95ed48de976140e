/**
 * One Export API call, streamed: the archive can be gigabytes, so the body is
 * handed over as chunks instead of read into memory (Basin's HttpClient reads
 * bodies whole, as text). Built from the toolkit's parts: the connection's
 * rate limiter, basic auth, full-jitter backoff, `Retry-After`, the retryable
 * statuses and URL redaction. Statuses are retried here; a body that breaks
 * or stalls mid-way is the caller's to retry (it has read part of it).
 */
import { BasinError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { HttpAuth } from '../../http/auth/http-auth.js';
import { fullJitterDelay, parseRetryAfter } from '../../http/backoff.js';
import { isRetryableStatus, type RetryOptions } from '../../http/http-client.js';
import { HttpError, bodyExcerpt } from '../../http/http-error.js';
import type { RateLimiter } from '../../http/rate-limiter.js';
import { redactUrl } from '../../http/redact.js';
import { sleep } from '../../http/sleep.js';

/** What every export call of a connection shares. */
export interface ExportClient {
  baseUrl: string;
  auth: HttpAuth;
  limiter: RateLimiter;
  retry: RetryOptions;
  /** Time allowed until the response headers arrive. */
  timeoutMs: number;
  /** Longest silence allowed while the body streams in. */
  idleTimeoutMs: number;
  logger: Logger;
  fetch: typeof fetch;
}

/** An export response: 200 with an archive, or 404 (no data in the range). */
export interface ExportResponse {
  status: 200 | 404;
  /** The server's clock (its `Date` header), epoch ms; undefined when absent. */
  serverNow: number | undefined;
  /** The archive's bytes as they arrive (200 only). */
  chunks: AsyncIterable<Uint8Array> | undefined;
}

/** `YYYYMMDDTHH` of an hour (epoch ms, UTC). */
export function exportHour(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}`;
}

/** Requests the hours `[from, to)` (epoch ms, whole hours); retries 429, 5xx, timeouts and network errors. */
export async function openExport(client: ExportClient, from: number, to: number, signal: AbortSignal): Promise<ExportResponse> {
  const url = new URL(`${client.baseUrl.replace(/\/+$/, '')}/api/2/export`);
  url.searchParams.set('start', exportHour(from));
  url.searchParams.set('end', exportHour(to - 3_600_000));
  const shown = redactUrl(url.toString());
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    const permit = await client.limiter.acquire(signal);
    const headers: Record<string, string> = { accept: 'application/zip' };
    let failure: HttpError;
    let retryAfterMs: number | undefined;
    try {
      await client.auth.apply({ headers, url }, signal);
      const res = await fetchHeaders(client, url, headers, signal, shown);
      const serverNow = parseDate(res.headers.get('date'));
      if (res.status === 200 && res.body) {
        return { status: 200, serverNow, chunks: releasing(streamBody(res.body, client.idleTimeoutMs, signal, shown), () => permit.release()) };
      }
      const text = await res.text().catch(() => '');
      permit.release();
      if (res.status === 404) return { status: 404, serverNow, chunks: undefined };
      failure = new HttpError('HTTP_STATUS', `GET ${shown} answered ${res.status}${text ? `: ${bodyExcerpt(text)}` : ''}`, { url: shown, method: 'GET', status: res.status, bodyExcerpt: bodyExcerpt(text) });
      if (!isRetryableStatus(res.status)) throw failure.withAttempts(attempt);
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    } catch (err) {
      permit.release();
      if (signal.aborted) throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
      if (!(err instanceof HttpError) || err.code === 'HTTP_STATUS' || err.code === 'HTTP_RESPONSE') throw err;
      failure = err;
    }
    const delay = retryAfterMs ?? fullJitterDelay(attempt, client.retry);
    const elapsed = performance.now() - started;
    if (attempt >= client.retry.maxAttempts || (retryAfterMs ?? 0) > client.retry.maxRetryAfterMs || elapsed + delay > client.retry.maxElapsedMs) {
      throw failure.withAttempts(attempt);
    }
    client.logger.warn('amplitude export failed; retrying', { url: shown, attempt, status: failure.status, code: failure.code, delayMs: delay });
    if (failure.status === 429 || retryAfterMs !== undefined) client.limiter.pauseFor(delay);
    else await sleep(delay, signal);
  }
}

/** Sends the request; the timeout covers the wait for the headers only (the body streams under the idle timeout). */
async function fetchHeaders(client: ExportClient, url: URL, headers: Record<string, string>, signal: AbortSignal, shown: string): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, client.timeoutMs);
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await client.fetch(url, { headers, signal: controller.signal });
  } catch (err) {
    if (signal.aborted) throw err;
    if (timedOut) throw new HttpError('HTTP_TIMEOUT', `GET ${shown}: no response within ${client.timeoutMs} ms`, { url: shown, method: 'GET' }, { cause: err });
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new HttpError('HTTP_NETWORK', `GET ${shown}: network error (${cause?.code ?? cause?.message ?? String(err)})`, { url: shown, method: 'GET' }, { cause: err });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** The body's chunks, failing with HTTP_TIMEOUT when none arrives for `idleMs`. */
async function* streamBody(body: ReadableStream<Uint8Array>, idleMs: number, signal: AbortSignal, shown: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  const onAbort = (): void => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HttpError('HTTP_TIMEOUT', `GET ${shown}: response body stalled for ${idleMs} ms`, { url: shown, method: 'GET' })), idleMs);
      });
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await Promise.race([reader.read(), idle]);
      } catch (err) {
        if (signal.aborted) throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
        if (err instanceof HttpError) throw err;
        throw new HttpError('HTTP_NETWORK', `GET ${shown}: connection lost while reading the export`, { url: shown, method: 'GET' }, { cause: err });
      } finally {
        clearTimeout(timer);
      }
      if (signal.aborted) throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
      if (chunk.done) return;
      yield chunk.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
  }
}

async function* releasing(chunks: AsyncGenerator<Uint8Array>, release: () => void): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } finally {
    release();
  }
}

function parseDate(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
