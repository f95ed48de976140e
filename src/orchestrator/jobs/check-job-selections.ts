/**
 * Checks each job's selection against the asset graph when a server starts:
 * a selector with invalid syntax (`model:x`: dbt has no `model:` method) is a
 * ConfigError naming the job's key; a selector that matches nothing (a
 * renamed model, a typo in a tag) is a warning, reported then rather than as
 * an empty run at 3 am.
 */
import { BasinError, ConfigError } from '../../core/errors.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { selectAssets } from '../assets/select-assets.js';
import type { Job } from './job.js';

/** Warnings: one per selector matching nothing, one per job selecting no asset. Throws ConfigError on invalid syntax. */
export function checkJobSelections(jobs: readonly Job[], assets: AssetGraph, projectName?: string): string[] {
  return jobs.flatMap((job) => {
    let result: ReturnType<typeof selectAssets>;
    try {
      result = selectAssets(assets, { select: job.select, exclude: job.exclude }, projectName);
    } catch (err) {
      if (!(err instanceof BasinError) || err.code !== 'SELECTION') throw err;
      const key = job.connection ? 'schedule' : `jobs.${job.name}.select`;
      throw new ConfigError(err.message, { location: { file: job.file }, key }, { cause: err });
    }
    const where = `${job.file} job ${job.name}`;
    const out = result.warnings.map((w) => `${where}: ${w}`);
    if (result.ids.length === 0) out.push(`${where}: selects no asset`);
    return out;
  });
}
