/**
 * Custom destinations: the seed's "homemade scripts to move our data to other
 * services", as a TypeScript (or JavaScript) module in the user's project,
 * loaded with tsx at run time (no build step). The module default-exports
 * (or exports as `destination`) a plain object:
 *
 * ```ts
 * export default {
 *   config: (z) => z.object({ url: z.string().url(), token: z.string() }),   // or a zod schema; optional
 *   capabilities: { ops: ['upsert', 'delete'], maxBatch: 50, rateLimit: { requests: 5, perSeconds: 1 } },
 *   async check(config, ctx) {},                                              // optional
 *   async write(op, records, ctx) { return records.map(() => ({ ok: true })); },
 *   async close(ctx) {},                                                      // optional
 * };
 * ```
 *
 * `ctx` holds `config`, `object`, `keyField`, `logger`, `signal`, `sync`. It gets
 * diffing, batching, rate limiting, retries of failed rows and run history
 * from the sync runner, like a built-in destination.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { z, type ZodType } from 'zod';
import { ConfigError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { DestinationCapabilities, DestinationFactory, DestinationOp, DestinationRecord, RecordResult } from '../destination.js';
import { createRateLimiter } from '../../ingest/http/rate-limiter.js';

/** What a custom destination's functions receive besides their arguments. */
export interface CustomDestinationContext {
  config: unknown;
  object: string;
  keyField?: string | undefined;
  sync: string;
  logger: Logger;
  signal?: AbortSignal | undefined;
}

/** The shape a custom destination module exports. */
export interface CustomDestinationModule {
  config?: ZodType | ((zod: typeof z) => ZodType);
  capabilities: DestinationCapabilities | ((ctx: CustomDestinationContext) => DestinationCapabilities);
  check?(config: unknown, ctx: Omit<CustomDestinationContext, 'object'>): Promise<void>;
  write(op: DestinationOp, records: readonly DestinationRecord[], ctx: CustomDestinationContext): Promise<RecordResult[]>;
  close?(ctx: CustomDestinationContext): Promise<void>;
}

const OPS: readonly DestinationOp[] = ['upsert', 'update', 'insert', 'delete'];

/** Loads `module` (absolute path) of a `type: custom` destination file `file` and returns its factory. */
export async function loadCustomDestination(module: string, file: string, projectDir: string): Promise<DestinationFactory> {
  const shown = path.relative(projectDir, module).split(path.sep).join('/');
  if (!existsSync(module)) throw new ConfigError(`custom destination module ${shown} not found`, { location: { file } });
  let loaded: unknown;
  try {
    const tsconfig = path.join(projectDir, 'tsconfig.json');
    loaded = await tsImport(pathToFileURL(module).href, { parentURL: pathToFileURL(path.join(projectDir, 'basin.yml')).href, tsconfig: existsSync(tsconfig) ? tsconfig : false });
  } catch (err) {
    throw new ConfigError(`cannot load custom destination ${shown}: ${errorMessage(err).split('\n')[0] ?? ''}`, { location: { file } }, { cause: err });
  }
  const def = pickExport(loaded);
  const where = { location: { file: shown } };
  if (!def || typeof def !== 'object') throw new ConfigError('a custom destination module must export default { capabilities, write(op, records, ctx) }', where);
  const d = def as Partial<CustomDestinationModule>;
  if (typeof d.write !== 'function') throw new ConfigError('the custom destination has no write(op, records, ctx) function', where);
  if (d.capabilities === undefined) throw new ConfigError('the custom destination has no capabilities ({ ops, maxBatch })', where);
  const schema = configSchema(d.config, shown);
  const write = d.write.bind(d);
  return {
    type: 'custom',
    configSchema: schema,
    ...(d.check ? { check: (config, ctx) => d.check!(config, { config, sync: ctx.sync, logger: ctx.logger, signal: ctx.signal }) } : {}),
    open(config, target, context) {
      const ctx: CustomDestinationContext = { config, object: target.object, keyField: target.keyField, sync: context.sync, logger: context.logger };
      const capabilities = checkCapabilities(typeof d.capabilities === 'function' ? d.capabilities(ctx) : d.capabilities!, shown);
      const budget = context.rateLimit ?? capabilities.rateLimit;
      const limiter = budget ? createRateLimiter({ requests: budget.requests, intervalMs: budget.perSeconds * 1000 }) : undefined;
      return {
        capabilities,
        async write(op, records, { signal }) {
          const permit = await limiter?.acquire(signal);
          try {
            const results = await write(op, records, { ...ctx, signal });
            if (!Array.isArray(results)) throw new ConfigError(`write() must return one { ok, error? } per record (got ${typeof results})`, where);
            return results.map((r: RecordResult | undefined) => (r && r.ok === false ? { ok: false as const, error: String(r.error ?? 'failed') } : r && r.ok === true ? { ok: true as const } : { ok: false as const, error: 'write() returned no result for this record' }));
          } finally {
            permit?.release();
          }
        },
        ...(d.close ? { close: () => d.close!(ctx) } : {}),
      };
    },
  };
}

function pickExport(loaded: unknown): unknown {
  if (typeof loaded !== 'object' || loaded === null) return undefined;
  const mod = loaded as { default?: unknown; destination?: unknown };
  const candidate = mod.destination ?? mod.default;
  if (candidate && typeof candidate === 'object' && '__esModule' in candidate) return (candidate as { default?: unknown; destination?: unknown }).destination ?? (candidate as { default?: unknown }).default;
  return candidate;
}

function configSchema(input: CustomDestinationModule['config'], file: string): ZodType {
  if (input === undefined) return z.record(z.string(), z.unknown());
  const schema = typeof input === 'function' ? input(z) : input;
  if (typeof (schema as ZodType | undefined)?.safeParse !== 'function') throw new ConfigError('config must be a zod schema or a function (z) => schema', { location: { file } });
  return schema;
}

function checkCapabilities(c: DestinationCapabilities, file: string): DestinationCapabilities {
  const ops = Array.isArray(c?.ops) ? c.ops : [];
  const bad = ops.filter((op) => !OPS.includes(op));
  if (ops.length === 0 || bad.length > 0) throw new ConfigError(`capabilities.ops must list some of ${OPS.join(', ')}${bad.length ? ` (not ${bad.join(', ')})` : ''}`, { location: { file } });
  if (!Number.isInteger(c.maxBatch) || c.maxBatch < 1) throw new ConfigError('capabilities.maxBatch must be a positive integer', { location: { file } });
  return { ops, maxBatch: c.maxBatch, rateLimit: c.rateLimit };
}
