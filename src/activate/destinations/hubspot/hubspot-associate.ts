/**
 * Association writes after the properties of a batch are written: each
 * `association:<to>:<to_id_property>` value is resolved to a record id of
 * `<to>` (batch read by that property), the written records' ids come from
 * the write's answer (or a read by the key), and the default association is
 * created through v4 `batch/associate/default`. A value no record has, or an
 * association HubSpot refuses, fails the record with a message naming the
 * field; associations are only ever added, never removed.
 */
import type { RecordResult } from '../../destination.js';
import { associateDefault, idsByProperty, normalizedKey, type AssociationPair } from './hubspot-api.js';
import type { PendingRecord, WriteScope } from './hubspot-writes.js';

interface Link {
  index: number;
  field: string;
  value: string;
  from: string;
  to: string;
  toObject: string;
}

function fail(results: RecordResult[], index: number, error: string): void {
  const prior = results[index];
  results[index] = { ok: false, error: prior && !prior.ok ? `${prior.error}; ${error}` : error };
}

/** Creates the associations `records` ask for; `written` holds the record ids the write answered with (by batch index). */
export async function writeAssociations(scope: WriteScope, records: readonly PendingRecord[], written: ReadonlyMap<number, string>): Promise<void> {
  const { http, target, signal, results } = scope;
  const asking = records.filter((r) => r.input.associations.length > 0 && results[r.index]?.ok !== false);
  if (asking.length === 0) return;

  const fromIds = new Map<number, string>(asking.flatMap((r) => (written.has(r.index) ? [[r.index, written.get(r.index)!] as const] : [])));
  const unknown = asking.filter((r) => !fromIds.has(r.index));
  if (unknown.length > 0) {
    const lookup = await idsByProperty(http, target.object, target.keyField, unknown.map((r) => r.key), signal);
    for (const r of unknown) {
      const id = lookup.found?.get(normalizedKey(target.keyField, r.key));
      if (id !== undefined) fromIds.set(r.index, id);
      else fail(results, r.index, `associations: the written ${target.object} record could not be read back by ${target.keyField}${lookup.refused ? ` (${lookup.refused.refusal.message})` : ''}`);
    }
  }

  // The records to associate with, one read per (object, property).
  const groups = new Map<string, { to: string; idProperty: string; values: string[] }>();
  for (const r of asking) {
    for (const a of r.input.associations) {
      const k = `${a.to}\u0000${a.idProperty}`;
      const g = groups.get(k) ?? { to: a.to, idProperty: a.idProperty, values: [] };
      g.values.push(a.value);
      groups.set(k, g);
    }
  }
  const toIds = new Map<string, Awaited<ReturnType<typeof idsByProperty>>>();
  for (const [k, g] of groups) toIds.set(k, await idsByProperty(http, g.to, g.idProperty, g.values, signal));

  const links: Link[] = [];
  for (const r of asking) {
    const from = fromIds.get(r.index);
    if (from === undefined) continue;
    for (const a of r.input.associations) {
      const lookup = toIds.get(`${a.to}\u0000${a.idProperty}`);
      const to = lookup?.found?.get(normalizedKey(a.idProperty, a.value));
      if (lookup?.refused) fail(results, r.index, `${a.field}: ${lookup.refused.refusal.message}`);
      else if (to === undefined) fail(results, r.index, `${a.field}: no ${a.to} record has ${a.idProperty} "${a.value}"`);
      else links.push({ index: r.index, field: a.field, value: a.value, from, to, toObject: a.to });
    }
  }

  const byObject = new Map<string, Link[]>();
  for (const l of links) {
    byObject.set(l.toObject, [...(byObject.get(l.toObject) ?? []), l]);
  }
  for (const [to, group] of byObject) {
    const pairs: AssociationPair[] = group.map((l) => ({ from: l.from, to: l.to }));
    const { errors, refusal } = await associateDefault(http, target.object, to, pairs, signal);
    if (refusal) {
      for (const l of group) fail(results, l.index, `${l.field}: HubSpot refused the association (${refusal.category}): ${refusal.message}`);
      continue;
    }
    for (const item of errors) {
      const ids = new Set(item.ids);
      for (const l of group) if (ids.has(l.from) || ids.has(l.to)) fail(results, l.index, `${l.field} "${l.value}": ${item.message}`);
    }
  }
}
