import type { SyncRunResult } from '../../activate/run-sync.js';
import type { Logger } from '../../core/logger.js';
import type { CliIo } from '../cli-io.js';
import { runPipelineCommand, type PipelineCommandOptions } from './pipeline.js';

/** Options of `basin activate`. */
export interface ActivateOptions extends Omit<PipelineCommandOptions, 'kinds' | 'onSyncResult' | 'fullRefresh'> {
  fullResync?: boolean | undefined;
  dryRun?: boolean | undefined;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The lines of one sync's result: counts, rejects, failures, and a dry run's sample. */
export function formatSyncResult(r: SyncRunResult): string {
  const lines: string[] = [];
  const rejected = r.rejected.null_key + r.rejected.duplicate_key;
  if (r.dryRun) {
    lines.push(`sync ${r.sync} (dry run): would add ${fmt(r.planned.add)}, change ${fmt(r.planned.change)}, remove ${fmt(r.planned.remove)}`);
    for (const s of r.sample ?? []) lines.push(`  ${s.op.padEnd(6)} ${s.key}  ${JSON.stringify(s.fields)}`);
  } else {
    lines.push(`sync ${r.sync}: ${fmt(r.added)} added, ${fmt(r.changed)} changed, ${fmt(r.removed)} removed, ${fmt(r.failed)} failed in ${r.seconds.toFixed(2)}s`);
    for (const f of r.failures.slice(0, 10)) lines.push(`  failed ${f.op} ${f.key}: ${f.error}`);
    if (r.failures.length > 10 || r.failed > r.failures.length) lines.push(`  ... ${fmt(r.failed - Math.min(10, r.failures.length))} more (retried on the next run; all in _basin_activate.${r.sync})`);
    if (r.stopped) lines.push(`  stopped: ${r.stopped}`);
  }
  if (rejected > 0) lines.push(`  ${fmt(r.rejected.null_key)} row(s) with a NULL key and ${fmt(r.rejected.duplicate_key)} with a duplicated key were not sent: see _basin_activate.${r.sync}__rejects`);
  return `${lines.join('\n')}\n`;
}

/**
 * `basin activate [selector...]`: runs the selected syncs (default every
 * sync) once, reading the models as they are: each sends only what changed
 * since its last successful delivery. `--dry-run` computes and shows the
 * diff without sending; `--full-resync` resends everything.
 */
export async function runActivateCommand(selectors: string[], options: ActivateOptions, io: CliIo, logger: Logger, signal?: AbortSignal): Promise<number> {
  return runPipelineCommand(
    selectors.length > 0 ? selectors : ['sync:*'],
    {
      ...options,
      kinds: ['sync'],
      fullResync: options.fullResync,
      dryRun: options.dryRun,
      onSyncResult: options.json ? undefined : (r) => io.stderr.write(formatSyncResult(r)),
    },
    io,
    logger,
    signal,
  );
}
