import { BasinError, throwIfAborted } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { HttpAuth } from './auth/http-auth.js';
import { fullJitterDelay, parseRetryAfter } from './backoff.js';
import { HttpError, bodyExcerpt } from './http-error.js';
import type { HttpRequest, QueryValue, ResponseInfo } from './http-request.js';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { readRateLimitHint } from './rate-limit-headers.js';
import { redactUrl } from './redact.js';
import { sleep } from './sleep.js';

/** When and how often a failed request is tried again. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts: number;
  /** No retry starts after this much time since the first attempt (default 5 minutes). */
  maxElapsedMs: number;
  /** Ceiling of the first backoff delay (default 500 ms); it doubles per retry, with full jitter. */
  baseDelayMs: number;
  /** Largest backoff ceiling (default 30 s). */
  maxDelayMs: number;
  /** A `Retry-After` longer than this fails the request instead of waiting (default 10 minutes). */
  maxRetryAfterMs: number;
}

/** Settings of an HttpClient (one per connection). */
export interface HttpClientOptions {
  /** Prefix of relative request URLs, e.g. `https://api.stripe.com/v1`. */
  baseUrl?: string | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Query parameters sent with every request. */
  query?: Record<string, QueryValue> | undefined;
  auth?: HttpAuth | undefined;
  /** Time allowed until the response headers arrive (default 30 s). */
  timeoutMs?: number | undefined;
  /** Longest silence allowed while the body streams in (default: `timeoutMs`). */
  idleTimeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /** The connection's budget; ignored when `rateLimiter` is given. */
  rateLimit?: RateLimitOptions | undefined;
  /** A limiter shared with other clients of the same connection. */
  rateLimiter?: RateLimiter | undefined;
  /** Largest accepted body (default 256 MiB). */
  maxBodyBytes?: number | undefined;
  /** Extra query parameter names to redact from logs and errors. */
  secretParams?: readonly string[] | undefined;
  logger?: Logger | undefined;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Injected for tests; defaults to Math.random. */
  random?: (() => number) | undefined;
}

/** Per-call settings. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Statuses (besides 2xx) returned instead of thrown, e.g. `[404]`. */
  acceptStatuses?: readonly number[] | undefined;
  /**
   * The request may be sent twice without harm (a search, a batch upsert by
   * key, a read over POST): 5xx and network errors are retried as for GET.
   * Default: true for GET, HEAD, OPTIONS, PUT and DELETE only.
   */
  idempotent?: boolean | undefined;
}

/** A complete response (the body is read in full, under the idle timeout). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The request URL with secrets redacted. */
  url: string;
  text: string;
  /** The body parsed as JSON (undefined for an empty body); HTTP_RESPONSE error when it is not JSON. */
  json<T = unknown>(): T;
  /** Status, headers and parsed body, for paginators. */
  info(): ResponseInfo;
  /** How many attempts it took. */
  attempts: number;
}

/** Sends requests with timeouts, retries, backoff, rate limiting and auth. */
export interface HttpClient {
  request(request: HttpRequest, options?: RequestOptions): Promise<HttpResponse>;
  /** `request` then `json()`. */
  getJson<T = unknown>(request: HttpRequest, options?: RequestOptions): Promise<T>;
  /** The absolute URL of `request` (with the client's default query, without auth). */
  resolveUrl(request: HttpRequest): URL;
  /** The connection's limiter (shared by every request of this client). */
  readonly rateLimiter: RateLimiter;
}

const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  maxElapsedMs: 5 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 10 * 60_000,
};

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** True for statuses worth retrying: 408, 425, 429 and 5xx except 501 and 505. */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/** Creates a client; share one per connection so its rate limiter sees every request. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? timeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024 * 1024;
  const limiter = options.rateLimiter ?? createRateLimiter(options.rateLimit);
  const logger = options.logger ?? silentLogger;
  const fetchImpl = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const secretParams = [...(options.secretParams ?? []), ...(options.auth?.secretParams ?? [])];
  const redact = (url: URL | string): string => redactUrl(String(url), secretParams);
  const neverAborted = new AbortController().signal;

  const resolveUrl = (request: HttpRequest): URL => {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(request.url)
      ? new URL(request.url)
      : new URL(joinUrl(options.baseUrl, request.url));
    for (const [name, value] of Object.entries({ ...options.query, ...request.query })) appendQuery(url, name, value);
    return url;
  };

  async function request(req: HttpRequest, callOptions: RequestOptions = {}): Promise<HttpResponse> {
    const signal = callOptions.signal;
    const method = (req.method ?? 'GET').toUpperCase();
    const idempotent = callOptions.idempotent ?? IDEMPOTENT.has(method);
    const baseUrl = resolveUrl(req);
    const shownUrl = redact(baseUrl);
    const started = performance.now();
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      const permit = await limiter.acquire(signal);
      const url = new URL(baseUrl);
      const headers: Record<string, string> = { accept: 'application/json', ...lowerKeys(options.headers), ...lowerKeys(req.headers) };
      let body: string | undefined = req.body;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] ??= 'application/json';
      }
      try {
        await options.auth?.apply({ headers, url }, signal ?? neverAborted);
      } catch (err) {
        permit.release();
        throw err;
      }

      let failure: HttpError;
      let retryAfterMs: number | undefined;
      let shouldRetry: boolean;
      const attemptStart = performance.now();
      try {
        let res: Awaited<ReturnType<typeof sendOnce>>;
        try {
          res = await sendOnce(url, method, headers, body, signal);
        } finally {
          permit.release();
        }
        const hint = readRateLimitHint(res.headers);
        if (hint && hint.remaining <= 0 && hint.resetInMs !== undefined) {
          limiter.pauseFor(Math.min(hint.resetInMs, retry.maxRetryAfterMs));
          logger.debug('http rate limit window used up; pausing', { url: shownUrl, resetInMs: hint.resetInMs });
        }
        logger.debug('http response', { method, url: shownUrl, status: res.status, attempt, ms: Math.round(performance.now() - attemptStart) });
        if ((res.status >= 200 && res.status < 300) || callOptions.acceptStatuses?.includes(res.status)) {
          return makeResponse(res.status, res.headers, shownUrl, res.text, attempt, method);
        }
        if (res.status === 401 && options.auth?.refresh && !refreshedAuth) {
          refreshedAuth = true;
          if (await options.auth.refresh(signal ?? neverAborted)) {
            logger.debug('http 401: credentials refreshed, retrying', { url: shownUrl });
            attempt--;
            continue;
          }
        }
        failure = new HttpError('HTTP_STATUS', `${method} ${shownUrl} answered ${res.status}${res.text ? `: ${bodyExcerpt(res.text)}` : ''}`, {
          url: shownUrl,
          method,
          status: res.status,
          bodyExcerpt: bodyExcerpt(res.text),
        });
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
        const stripeShouldRetry = res.headers.get('stripe-should-retry');
        if (stripeShouldRetry === 'true') shouldRetry = true;
        else if (stripeShouldRetry === 'false') shouldRetry = false;
        else shouldRetry = isRetryableStatus(res.status) && (idempotent || res.status === 429 || res.status === 503);
      } catch (err) {
        if (signal?.aborted) throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
        if (!(err instanceof HttpError)) throw err;
        failure = err;
        shouldRetry = err.code !== 'HTTP_RESPONSE' && idempotent;
      }

      const elapsed = performance.now() - started;
      const delay = retryAfterMs ?? fullJitterDelay(attempt, retry, random);
      const tooLong = retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs;
      if (!shouldRetry || attempt >= retry.maxAttempts || tooLong || elapsed + delay > retry.maxElapsedMs) {
        logger.debug('http request failed', { method, url: shownUrl, attempt, code: failure.code, status: failure.status });
        throw failure.withAttempts(attempt);
      }
      logger.warn('http request failed; retrying', {
        method,
        url: shownUrl,
        attempt,
        status: failure.status,
        code: failure.code,
        delayMs: delay,
        retryAfter: retryAfterMs !== undefined,
      });
      if (failure.status === 429 || retryAfterMs !== undefined) {
        // The API asked the whole connection to slow down: every request of it waits.
        limiter.pauseFor(delay);
      } else {
        await sleep(delay, signal);
      }
    }
  }

  /** One attempt: headers within `timeoutMs`, then the body with at most `idleTimeoutMs` between chunks. */
  async function sendOnce(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut: 'headers' | 'body' | undefined;
    let timer = setTimeout(() => {
      timedOut = 'headers';
      controller.abort();
    }, timeoutMs);
    const shownUrl = redact(url);
    const details = { url: shownUrl, method };
    try {
      let res: Response;
      try {
        res = await fetchImpl(url, { method, headers, body: body ?? null, signal: controller.signal, redirect: 'follow' });
      } catch (err) {
        throw classify(err, timedOut, details, timeoutMs);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (res.body) {
        const reader = res.body.getReader();
        try {
          for (;;) {
            clearTimeout(timer);
            timer = setTimeout(() => {
              timedOut = 'body';
              controller.abort();
            }, idleTimeoutMs);
            let chunk: Awaited<ReturnType<typeof reader.read>>;
            try {
              chunk = await reader.read();
            } catch (err) {
              throw classify(err, timedOut, details, idleTimeoutMs);
            }
            if (chunk.done) break;
            size += chunk.value.byteLength;
            if (size > maxBodyBytes) {
              controller.abort();
              throw new HttpError('HTTP_RESPONSE', `${method} ${shownUrl}: response body larger than ${maxBodyBytes} bytes`, details);
            }
            chunks.push(chunk.value);
          }
        } finally {
          reader.releaseLock();
        }
      }
      const text = new TextDecoder().decode(Buffer.concat(chunks));
      return { status: res.status, headers: res.headers, text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    request,
    async getJson<T>(req: HttpRequest, callOptions?: RequestOptions): Promise<T> {
      return (await request(req, callOptions)).json<T>();
    },
    resolveUrl,
    rateLimiter: limiter,
  };
}

function classify(err: unknown, timedOut: 'headers' | 'body' | undefined, details: { url: string; method: string }, ms: number): HttpError {
  if (err instanceof HttpError) return err;
  if (timedOut === 'headers') {
    return new HttpError('HTTP_TIMEOUT', `${details.method} ${details.url}: no response within ${ms} ms`, details, { cause: err });
  }
  if (timedOut === 'body') {
    return new HttpError('HTTP_TIMEOUT', `${details.method} ${details.url}: response body stalled for ${ms} ms`, details, { cause: err });
  }
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new HttpError('HTTP_NETWORK', `${details.method} ${details.url}: network error (${reason})`, details, { cause: err });
}

function makeResponse(status: number, headers: Headers, url: string, text: string, attempts: number, method: string): HttpResponse {
  let parsed: { value: unknown } | undefined;
  const json = <T>(): T => {
    if (!parsed) {
      if (text.trim() === '') parsed = { value: undefined };
      else {
        try {
          parsed = { value: JSON.parse(text) };
        } catch (err) {
          throw new HttpError('HTTP_RESPONSE', `${method} ${url}: response is not JSON: ${bodyExcerpt(text).slice(0, 120)}`, { url, method, status }, { cause: err });
        }
      }
    }
    return parsed.value as T;
  };
  return { status, headers, url, text, attempts, json, info: () => ({ status, headers, body: json(), url }) };
}

function joinUrl(base: string | undefined, path: string): string {
  if (!base) throw new BasinError('USAGE', `relative URL '${path}' needs a base URL`);
  if (path === '') return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function appendQuery(url: URL, name: string, value: QueryValue): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    url.searchParams.delete(name);
    for (const v of value as ReadonlyArray<string | number | boolean>) url.searchParams.append(name, String(v));
  } else url.searchParams.set(name, String(value));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}
