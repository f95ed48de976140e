/**
 * A Source built from a user's `defineSource` definition and a validated
 * config: `streams()` turns the user's stream objects into Streams (checked
 * names, defaults, the connection's stream selection and setting overrides),
 * `check()` never throws, and `read()` normalizes what the user yields.
 */
import { ConfigError, errorMessage, isAbortError, throwIfAborted } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { CheckResult, ContractMode, RecordBatch, Source, SourceContext, Stream, StreamDefinition, WriteDisposition } from '../source.js';
import type { CustomSourceContext, CustomStream, SourceDefinition, SourceHttp } from './custom-source-definition.js';
import { toRecordBatch } from './yielded-batch.js';

const STREAM_NAME = /^[a-z_][a-z0-9_]*$/;
const WRITES: ReadonlySet<string> = new Set<WriteDisposition>(['append', 'replace', 'merge']);
const CONTRACTS: ReadonlySet<string> = new Set<ContractMode>(['evolve', 'freeze', 'discard_row', 'discard_value']);

/** What `createCustomSource` needs besides the definition and config. */
export interface CustomSourceOptions {
  /** The module, as shown in messages (relative to the project). */
  file: string;
  /** The Source's `type` (the definition's label, else the connection type). */
  type: string;
  context: SourceContext;
  http: SourceHttp | undefined;
  /** Values that must not appear in messages (the config's secrets). */
  scrub: (text: string) => string;
}

/** Builds the Source of one connection. */
export function createCustomSource<Config>(
  definition: SourceDefinition,
  config: Config,
  options: CustomSourceOptions,
): Source {
  const def = definition as unknown as SourceDefinition & {
    streams(config: Config, ctx: CustomSourceContext): CustomStream[] | Promise<CustomStream[]>;
    check?(config: Config, ctx: CustomSourceContext): unknown;
    close?(config: Config): unknown;
  };
  const { file, context, http, scrub } = options;
  const sourceContext = (signal: AbortSignal): CustomSourceContext => ({
    connection: context.connection,
    projectDir: context.projectDir,
    streams: context.streams,
    logger: context.logger,
    signal,
    http,
  });
  return {
    type: options.type,
    async check(signal) {
      if (!def.check) return { ok: true, message: 'the module loads and its config is valid (it defines no check())' };
      try {
        return toCheckResult(await def.check(config, sourceContext(signal)));
      } catch (err) {
        if (isAbortError(err)) throw err;
        return { ok: false, message: scrub(errorMessage(err)) };
      }
    },
    async streams(signal) {
      const declared = await def.streams(config, sourceContext(signal));
      if (!Array.isArray(declared)) {
        throw new ConfigError('streams() must return a list of streams', { location: { file } });
      }
      const streams = declared.map((s, i) => toStream(s, i, { file, settings: context.streams, logger: context.logger, http }));
      return selectStreams(streams, context.streams, file, context.connection);
    },
    async close() {
      await def.close?.(config);
    },
  };
}

function toCheckResult(outcome: unknown): CheckResult {
  if (outcome === undefined || outcome === true) return { ok: true, message: 'check passed' };
  if (outcome === false) return { ok: false, message: 'check failed' };
  if (typeof outcome === 'string') return { ok: true, message: outcome };
  if (typeof outcome === 'object' && outcome !== null && typeof (outcome as CheckResult).ok === 'boolean') {
    const { ok, message } = outcome as CheckResult;
    return { ok, message: typeof message === 'string' ? message : ok ? 'check passed' : 'check failed' };
  }
  return { ok: false, message: 'check() returned something other than { ok, message }, a boolean or a string' };
}

interface StreamOptions {
  file: string;
  settings: Record<string, Record<string, unknown>>;
  logger: Logger;
  http: SourceHttp | undefined;
}

/** One user stream -> a Stream; connection-file settings (`write`, `primary_key`, ...) override the module's. */
function toStream(raw: unknown, index: number, options: StreamOptions): Stream {
  const { file } = options;
  const fail = (what: string): never => {
    throw new ConfigError(`stream ${what}`, { location: { file } });
  };
  if (typeof raw !== 'object' || raw === null) return fail(`${index + 1} is not an object`);
  const s = raw as CustomStream;
  if (typeof s.name !== 'string' || !STREAM_NAME.test(s.name)) {
    return fail(`${index + 1}: name must be lowercase letters, digits and underscores, not starting with a digit`);
  }
  const name = s.name;
  if (typeof s.read !== 'function') return fail(`${name} has no read() function`);
  const settings = options.settings[name] ?? {};
  const primaryKey = keyList(settings.primary_key ?? s.primaryKey);
  if (primaryKey === undefined) return fail(`${name}: primaryKey must be a field name or a list of field names`);
  const write = settings.write ?? s.write ?? (primaryKey.length > 0 ? 'merge' : 'append');
  if (typeof write !== 'string' || !WRITES.has(write)) return fail(`${name}: write must be append, replace or merge`);
  if (write === 'merge' && primaryKey.length === 0) return fail(`${name}: write: merge needs a primaryKey`);
  const contract = settings.contract ?? s.contract;
  if (contract !== undefined && (typeof contract !== 'string' || !CONTRACTS.has(contract))) {
    return fail(`${name}: contract must be evolve, freeze, discard_row or discard_value`);
  }
  const cursorField = settings.cursor_field ?? s.cursorField;
  if (cursorField !== undefined && typeof cursorField !== 'string') return fail(`${name}: cursorField must be a field name`);
  const maxNestingDepth = settings.max_nesting_depth ?? s.maxNestingDepth;
  if (maxNestingDepth !== undefined && (typeof maxNestingDepth !== 'number' || !Number.isInteger(maxNestingDepth) || maxNestingDepth < 0)) {
    return fail(`${name}: maxNestingDepth must be a whole number`);
  }
  const definition: StreamDefinition = {
    name,
    primaryKey,
    cursorField,
    write: write as WriteDisposition,
    contract: contract as ContractMode | undefined,
    maxNestingDepth,
    columns: s.columns,
  };
  return {
    definition,
    async *read(ctx): AsyncIterable<RecordBatch> {
      const logger = ctx.logger ?? options.logger;
      const iterable = s.read.call(s, {
        state: ctx.state,
        fullRefresh: ctx.fullRefresh,
        signal: ctx.signal,
        logger,
        settings,
        http: options.http,
      });
      if (!isIterable(iterable)) fail(`${name}: read() must be an async generator (async *read(ctx) { yield ... })`);
      for await (const value of iterable as AsyncIterable<unknown>) {
        throwIfAborted(ctx.signal);
        yield toRecordBatch(value, { file, stream: name });
      }
    },
  };
}

function keyList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return undefined;
}

function isIterable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' ||
      typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function')
  );
}

/** The streams the connection file lists (all when it lists none); unknown names are an error. */
function selectStreams(
  streams: Stream[],
  selection: Record<string, Record<string, unknown>>,
  file: string,
  connection: string,
): Stream[] {
  const names = new Set<string>();
  for (const s of streams) {
    if (names.has(s.definition.name)) throw new ConfigError(`stream ${s.definition.name} is defined twice`, { location: { file } });
    names.add(s.definition.name);
  }
  const wanted = Object.keys(selection);
  if (wanted.length === 0) return streams;
  const unknown = wanted.filter((n) => !names.has(n));
  if (unknown.length > 0) {
    throw new ConfigError(
      `connection ${connection} selects stream${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, which ${file} does not define; it defines: ${[...names].join(', ') || 'no streams'}`,
      { location: { file } },
    );
  }
  return streams.filter((s) => wanted.includes(s.definition.name));
}
