/**
 * `basin destinations check [name...]` proves each destination's credentials
 * with the destination's own cheap authenticated call (its `check`); `basin
 * destinations ls` lists the destinations with the syncs that write to them.
 * Secrets never appear: errors are scrubbed of every configured secret.
 */
import path from 'node:path';
import { resolveDestination } from '../../activate/resolve-destination.js';
import { BUILTIN_DESTINATIONS } from '../../activate/destinations/builtin-destinations.js';
import { connectionSecretValues, loadDestinations, loadProjectConfig, loadSyncs, redactedConfig, scrubSecrets } from '../../config/index.js';
import { errorMessage } from '../../core/errors.js';
import { toJson } from '../../core/json-text.js';
import type { Logger } from '../../core/logger.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';

/** Options of `basin destinations check|ls`. */
export interface DestinationsOptions {
  project?: string | undefined;
  target?: string | undefined;
  json?: boolean | undefined;
}

/** `basin destinations check [name...]`. */
export async function runDestinationsCheck(names: string[], options: DestinationsOptions, io: CliIo, logger: Logger, signal: AbortSignal): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const destinations = (await loadDestinations(config, { env: io.env })).filter((d) => names.length === 0 || names.includes(d.name));
  const results: Array<{ destination: string; type: string; ok: boolean; message: string }> = [];
  for (const destination of destinations) {
    let ok = false;
    let message: string;
    const secrets = connectionSecretValues({ ...destination, streams: {} });
    try {
      const resolved = await resolveDestination(destination, BUILTIN_DESTINATIONS, root);
      if (!resolved.factory.check) {
        message = `config valid; ${destination.type} has no credentials check`;
        ok = true;
      } else {
        await resolved.factory.check(resolved.config, { logger: logger.child({ destination: destination.name }), sync: `check:${destination.name}`, signal });
        ok = true;
        message = 'credentials accepted';
      }
    } catch (err) {
      message = scrubSecrets(errorMessage(err), secrets);
    }
    results.push({ destination: destination.name, type: destination.type, ok, message });
    if (!options.json) io.stdout.write(`${ok ? 'OK   ' : 'FAIL '} ${destination.name} (${destination.type}): ${message}\n`);
  }
  const missing = names.filter((n) => !destinations.some((d) => d.name === n));
  for (const name of missing) {
    results.push({ destination: name, type: 'unknown', ok: false, message: `no destinations/${name}.yml` });
    if (!options.json) io.stdout.write(`FAIL  ${name}: no destinations/${name}.yml\n`);
  }
  if (options.json) io.stdout.write(`${toJson(results)}\n`);
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURES;
}

/** `basin destinations ls`: each destination, its type, owner, notes and syncs; config with secrets redacted. */
export async function runDestinationsList(options: DestinationsOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const destinations = await loadDestinations(config, { env: io.env });
  const syncs = await loadSyncs(config, { env: io.env });
  const rows = destinations.map((d) => ({
    destination: d.name,
    type: d.type,
    owner: d.owner ?? null,
    notes: d.notes ?? null,
    syncs: syncs.filter((s) => s.destination === d.name).map((s) => s.name),
    config: redactedConfig(d),
    file: d.file,
  }));
  if (options.json) io.stdout.write(`${toJson(rows)}\n`);
  else {
    for (const r of rows) {
      io.stdout.write(`${r.destination} (${r.type})${r.owner ? `, owner ${r.owner}` : ''}\n  syncs: ${r.syncs.length ? r.syncs.join(', ') : '(none)'}\n${r.notes ? `  notes: ${r.notes}\n` : ''}`);
    }
  }
  return EXIT_OK;
}
