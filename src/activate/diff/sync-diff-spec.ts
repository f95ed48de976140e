import { BasinError } from '../../core/errors.js';
import type { TableRef } from '../../core/types.js';

/**
 * What a sync sends:
 * - `upsert`: adds and changes (the destination creates or updates by key).
 * - `update`: adds and changes, like upsert; `add` rows are keys never
 *   delivered, which the destination may only update (the caller decides what
 *   to do when the record does not exist there).
 * - `insert`: adds only; a key once delivered is never sent again.
 * - `mirror`: adds, changes and removes (keys delivered before that left the source).
 */
export type SyncMode = 'upsert' | 'update' | 'insert' | 'mirror';

export const SYNC_MODES: readonly SyncMode[] = ['upsert', 'update', 'insert', 'mirror'];

/** A plan row's operation. */
export type PlanOp = 'add' | 'change' | 'remove';

/** Ops in the order a plan is read (adds and changes before removes). */
export const PLAN_OPS: readonly PlanOp[] = ['add', 'change', 'remove'];

/** The rows a sync reads: a relation, or a SQL select (casts and constants applied there). */
export type SyncSource = { relation: TableRef } | { sql: string };

/** One mapped payload column: the source column and the field name it is sent as. */
export interface PayloadMapping {
  column: string;
  field: string;
}

/** The inputs of one diff. */
export interface SyncDiffSpec {
  /** The sync's name: names its state tables, so `[a-z_][a-z0-9_]*`, at most 40 characters. */
  sync: string;
  source: SyncSource;
  /** Identity key column(s) of the source; one or more. */
  key: string[];
  /** Payload columns in a fixed order (the order is part of the payload hash). */
  payload: PayloadMapping[];
  mode: SyncMode;
  /** Put every source row in the plan, whatever was delivered (removes too in mirror mode). */
  fullResync?: boolean;
}

/** Default schema of the activation state. */
export const ACTIVATE_SCHEMA = '_basin_activate';

/** Prefix reserved for the plan's own columns; payload fields may not start with it. */
export const RESERVED_PREFIX = '_basin_';

/** The relations a sync uses in the state schema. */
export interface SyncTables {
  /** One row per key ever attempted: what was delivered, what failed. */
  state: TableRef;
  /** This run's plan (replaced by each diff). */
  plan: TableRef;
  /** This run's rejected source rows (replaced by each diff). */
  rejects: TableRef;
}

const SYNC_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/** The state, plan and rejects tables of a sync. */
export function syncTables(sync: string, schema: string = ACTIVATE_SCHEMA): SyncTables {
  checkSyncName(sync);
  return {
    state: { schema, name: sync },
    plan: { schema, name: `${sync}__plan` },
    rejects: { schema, name: `${sync}__rejects` },
  };
}

function checkSyncName(sync: string): void {
  if (!SYNC_NAME.test(sync) || sync.includes('__')) {
    throw new BasinError('CONFIG_INVALID', `sync name "${sync}" must match [a-z_][a-z0-9_]* (at most 40 characters, no "__")`);
  }
}

/** Throws a CONFIG_INVALID BasinError naming the first problem of a spec. */
export function validateSyncDiffSpec(spec: SyncDiffSpec): void {
  checkSyncName(spec.sync);
  const fail = (message: string): never => {
    throw new BasinError('CONFIG_INVALID', `sync ${spec.sync}: ${message}`);
  };
  if (!SYNC_MODES.includes(spec.mode)) fail(`mode must be one of ${SYNC_MODES.join(', ')}, got "${String(spec.mode)}"`);
  if ('sql' in spec.source) {
    if (spec.source.sql.trim() === '') fail('source SQL is empty');
  } else if (!spec.source.relation.schema || !spec.source.relation.name) {
    fail('source relation needs a schema and a name');
  }
  if (spec.key.length === 0) fail('key must name at least one column');
  if (new Set(spec.key).size !== spec.key.length) fail('key names a column twice');
  if (spec.key.some((k) => k === '')) fail('key has an empty column name');
  if (spec.payload.length === 0) fail('payload must map at least one column');
  const fields = new Set<string>();
  for (const { column, field } of spec.payload) {
    if (column === '' || field === '') fail('payload mapping has an empty column or field name');
    if (field.toLowerCase().startsWith(RESERVED_PREFIX)) fail(`payload field "${field}" uses the reserved prefix ${RESERVED_PREFIX}`);
    if (fields.has(field.toLowerCase())) fail(`payload field "${field}" is mapped twice`);
    fields.add(field.toLowerCase());
  }
}
