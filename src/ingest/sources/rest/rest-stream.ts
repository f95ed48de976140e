import { throwIfAborted } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { HttpRequest } from '../../http/http-request.js';
import { getPath } from '../../http/json-path.js';
import { setParam, type Paginator } from '../../http/paginators/paginator.js';
import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { parentOf, placeholders, type RestConfig, type ResourceConfig } from './rest-config.js';
import { restPaginator } from './rest-paginator.js';
import { createStreamProgress, resolveWrite, type StreamProgress } from './rest-progress.js';

/** What every stream of one REST connection shares (one client, so one rate budget). */
export interface RestRuntime {
  config: RestConfig;
  client: HttpClient;
  logger: Logger;
}

type Row = Record<string, unknown>;

/** One fetched page. */
export interface RestPage {
  records: Row[];
  next: HttpRequest | undefined;
}

/** Where a child stream stands: parents fully read, and the next page of the current parent's children. */
interface ChildResume {
  parentIndex: number;
  next?: HttpRequest | undefined;
}

/** The stream of resource `name`. */
export function createRestStream(name: string, runtime: RestRuntime): Stream {
  const resource = resourceOf(runtime, name);
  const definition: StreamDefinition = {
    name,
    primaryKey: resource.primary_key,
    cursorField: resource.cursor?.field,
    write: resolveWrite(resource),
    maxNestingDepth: resource.max_nesting_depth,
  };
  return {
    definition,
    read: (context) => (parentOf(resource.path) ? readChild(runtime, name, context) : readTop(runtime, name, context)),
  };
}

/** The first request of a top-level resource (used by `check()`). */
export function firstRequest(runtime: RestRuntime, name: string): HttpRequest {
  const resource = resourceOf(runtime, name);
  return paginatorOf(runtime, resource).first(baseRequest(resource, resource.path, undefined));
}

/** Fetches one page of `name` and names the next one. */
export async function fetchPage(runtime: RestRuntime, name: string, request: HttpRequest, signal: AbortSignal): Promise<RestPage> {
  const resource = resourceOf(runtime, name);
  const response = await runtime.client.request(request, { signal });
  const body = response.json();
  const list = getPath(body, resource.records);
  let items: unknown[];
  if (list === undefined || list === null) items = [];
  else if (Array.isArray(list)) items = list;
  else {
    throw new HttpError('HTTP_RESPONSE', `resource '${name}': ${response.url} has no record list at '${resource.records || '(the top level)'}'`, {
      url: response.url,
      method: request.method ?? 'GET',
      status: response.status,
    });
  }
  const next = paginatorOf(runtime, resource).next(request, response.info(), items);
  return { records: items.map(asRecord), next };
}

async function* readTop(runtime: RestRuntime, name: string, context: ReadContext): AsyncGenerator<RecordBatch> {
  const resource = resourceOf(runtime, name);
  const progress = createStreamProgress(resource, context.state, context.fullRefresh);
  const resumed = asRequest(progress.resume);
  if (resumed) context.logger.info('resuming from the last checkpoint', { stream: name });
  let request = resumed ?? paginatorOf(runtime, resource).first(baseRequest(resource, resource.path, progress.lowerBound));
  for (;;) {
    throwIfAborted(context.signal);
    const page = await fetchPage(runtime, name, request, context.signal);
    progress.observe(page.records);
    const state = page.next ? progress.pageState(page.next) : progress.finalState();
    yield { kind: 'records', records: page.records, state };
    if (!page.next) return;
    request = page.next;
  }
}

async function* readChild(runtime: RestRuntime, name: string, context: ReadContext): AsyncGenerator<RecordBatch> {
  const resource = resourceOf(runtime, name);
  const parent = parentOf(resource.path) ?? '';
  const progress: StreamProgress = createStreamProgress(resource, context.state, context.fullRefresh);
  const resume = asChildResume(progress.resume);
  if (resume) context.logger.info('resuming from the last checkpoint', { stream: name, parentIndex: resume.parentIndex });
  let index = 0;
  for await (const parents of listRecords(runtime, parent, context.signal)) {
    for (const parentRecord of parents) {
      const current = index++;
      if (resume && current < resume.parentIndex) continue;
      const path = childPath(resource.path, parentRecord);
      if (path === undefined) {
        context.logger.warn('parent record lacks the field its child path needs; skipped', { stream: name, parent });
        continue;
      }
      const extra = parentFields(resource, parent, parentRecord);
      let request =
        (resume && current === resume.parentIndex ? resume.next : undefined) ??
        paginatorOf(runtime, resource).first(baseRequest(resource, path, progress.lowerBound));
      for (;;) {
        throwIfAborted(context.signal);
        const page = await fetchPage(runtime, name, request, context.signal);
        const records = extra ? page.records.map((r) => ({ ...r, ...extra })) : page.records;
        progress.observe(records);
        const position: ChildResume = page.next ? { parentIndex: current, next: page.next } : { parentIndex: current + 1 };
        yield { kind: 'records', records, state: progress.pageState(position) };
        if (!page.next) break;
        request = page.next;
      }
    }
  }
  yield { kind: 'records', records: [], state: progress.finalState() };
}

/** Every record of `name`, page by page (parents of a child resource: no cursor filter, no state). */
export async function* listRecords(runtime: RestRuntime, name: string, signal: AbortSignal): AsyncGenerator<Row[]> {
  const resource = resourceOf(runtime, name);
  const parent = parentOf(resource.path);
  const paths: AsyncIterable<{ path: string; extra: Row | undefined }> = parent
    ? (async function* () {
        for await (const parents of listRecords(runtime, parent, signal)) {
          for (const record of parents) {
            const path = childPath(resource.path, record);
            if (path !== undefined) yield { path, extra: parentFields(resource, parent, record) };
          }
        }
      })()
    : (async function* () {
        yield { path: resource.path, extra: undefined };
      })();
  for await (const { path, extra } of paths) {
    let request: HttpRequest | undefined = paginatorOf(runtime, resource).first(baseRequest(resource, path, undefined));
    while (request) {
      throwIfAborted(signal);
      const page: RestPage = await fetchPage(runtime, name, request, signal);
      yield extra ? page.records.map((r) => ({ ...r, ...extra })) : page.records;
      request = page.next;
    }
  }
}

function resourceOf(runtime: RestRuntime, name: string): ResourceConfig {
  const resource = runtime.config.resources[name];
  if (!resource) throw new Error(`unknown REST resource '${name}'`);
  return resource;
}

function paginatorOf(runtime: RestRuntime, resource: ResourceConfig): Paginator {
  return restPaginator(resource.paginator ?? runtime.config.paginator);
}

function baseRequest(resource: ResourceConfig, path: string, lowerBound: string | number | undefined): HttpRequest {
  const request: HttpRequest = { method: resource.method, url: path, query: { ...resource.params }, headers: resource.headers, json: resource.body };
  const cursor = resource.cursor;
  if (lowerBound === undefined || !cursor?.param) return request;
  return setParam(request, cursor.in ?? 'query', cursor.param, lowerBound);
}

/** `path` with `{parent.field}` replaced by the parent record's (URL-encoded) values; undefined when one is missing. */
export function childPath(path: string, parentRecord: Row): string | undefined {
  let out = path;
  for (const p of placeholders(path)) {
    const value = getPath(parentRecord, p.field);
    if (value === undefined || value === null || typeof value === 'object') return undefined;
    out = out.replace(p.text, encodeURIComponent(String(value)));
  }
  return out;
}

function parentFields(resource: ResourceConfig, parent: string, record: Row): Row | undefined {
  if (!resource.include_from_parent?.length) return undefined;
  const out: Row = {};
  for (const field of resource.include_from_parent) out[`_${parent}_${field.replace(/\./g, '__')}`] = getPath(record, field);
  return out;
}

function asRecord(item: unknown): Row {
  return item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Row) : { value: item };
}

function asRequest(value: unknown): HttpRequest | undefined {
  return value !== null && typeof value === 'object' && typeof (value as HttpRequest).url === 'string' ? (value as HttpRequest) : undefined;
}

function asChildResume(value: unknown): ChildResume | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const index = (value as ChildResume).parentIndex;
  if (typeof index !== 'number') return undefined;
  return { parentIndex: index, next: asRequest((value as ChildResume).next) };
}
