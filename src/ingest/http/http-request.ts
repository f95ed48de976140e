/**
 * The plain-data shapes the HTTP toolkit passes around. A request is data (no
 * secrets: auth is applied when it is sent), so a paginator can build the next
 * one and a stream can checkpoint it in its state.
 */

/** A query parameter value; arrays repeat the parameter, undefined omits it. */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number | boolean>;

/** One HTTP request, relative to the client's base URL unless `url` is absolute. */
export interface HttpRequest {
  method?: string | undefined;
  /** A path joined to the base URL (`/customers`) or an absolute URL (a next link). */
  url: string;
  query?: Record<string, QueryValue> | undefined;
  headers?: Record<string, string> | undefined;
  /** A JSON body (sent with `content-type: application/json`). */
  json?: unknown;
  /** A raw body; `json` wins when both are set. */
  body?: string | undefined;
}

/** Reads response headers case-insensitively (a `Headers` object satisfies it). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** What a paginator sees of a response. */
export interface ResponseInfo {
  status: number;
  headers: HeaderReader;
  /** The parsed JSON body (undefined when the body was empty). */
  body: unknown;
  /** The request's absolute URL (secrets redacted), for resolving relative links. */
  url?: string | undefined;
}

/** Returns `request` with `params` merged into its query (a pure copy). */
export function withQuery(request: HttpRequest, params: Record<string, QueryValue>): HttpRequest {
  return { ...request, query: { ...request.query, ...params } };
}

/** Returns `request` with `fields` merged into its JSON body (a pure copy). */
export function withJsonFields(request: HttpRequest, fields: Record<string, unknown>): HttpRequest {
  const body = request.json !== null && typeof request.json === 'object' ? (request.json as Record<string, unknown>) : {};
  return { ...request, json: { ...body, ...fields } };
}
