import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { loadCompanyAssets } from '../assets/test-support/company-assets.js';
import { jobRunSettings } from './job-run-settings.js';
import { checkJobSelections } from './check-job-selections.js';
import { parseJobs } from './load-jobs.js';

let assets: AssetGraph;
beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
});

describe('job helpers', () => {
  it('turns retries and timeout into runPipeline settings', () => {
    const [withAll, plain] = parseJobs({
      a: { select: ['source:stripe+'], exclude: 'tag:slow', retries: { count: 2, backoff_seconds: 5 }, timeout_minutes: 1.5 },
      b: { select: 'kind:connection' },
    });
    expect(jobRunSettings(withAll!)).toEqual({ select: ['source:stripe+'], exclude: ['tag:slow'], retry: { count: 2, backoffMs: 5000 }, runTimeoutMs: 90_000 });
    expect(jobRunSettings(plain!)).toEqual({ select: ['kind:connection'], exclude: [], retry: undefined, runTimeoutMs: undefined });
  });

  it('warns about selectors and jobs that match nothing, and rejects invalid selector syntax', () => {
    const jobs = parseJobs({ ok: { select: 'source:stripe+' }, typo: { select: ['tag:finanse', 'fct_mrr_by_month'] }, empty: { select: 'gone_model' } });
    const warnings = checkJobSelections(jobs, assets);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^basin\.yml job typo: .*tag:finanse/);
    expect(warnings[1]).toMatch(/^basin\.yml job empty: .*gone_model/);
    expect(warnings[2]).toBe('basin.yml job empty: selects no asset');
    const invalid = parseJobs({ bad: { select: 'model:fct_mrr_by_month' } });
    expect(() => checkJobSelections(invalid, assets)).toThrow(ConfigError);
    expect(() => checkJobSelections(invalid, assets)).toThrow(/^basin\.yml: jobs\.bad\.select: 'model' is not a valid method name/);
  });
});
