/**
 * Evaluates freshness expectations at an instant against each asset's latest
 * result in the run store (`latestAssetRuns`): the data's load time is the
 * `finishedAt` of its latest succeeded (or warned) run. When the latest
 * result failed, the last success is older than that failure, so its age is
 * at least the failure's age: the status is judged on that lower bound
 * (`ageIsLowerBound`) and reason `latest_failed`. A load time observed by
 * other means (max of a dbt source's `loaded_at_field`) wins when given.
 * Pure: no clock, no I/O.
 */
import type { AssetRunRecord } from '../run-store/run-store.js';
import type { FreshnessExpectation } from './freshness-expectations.js';

export type FreshnessStatus = 'ok' | 'warn' | 'error';

/** Why an asset has its status. */
export type FreshnessReason = 'fresh' | 'stale' | 'latest_failed' | 'never_loaded';

export interface FreshnessResult {
  assetKey: string;
  status: FreshnessStatus;
  reason: FreshnessReason;
  /** When its data was last loaded (or, with ageIsLowerBound, the latest failed attempt). */
  loadedAt?: Date | undefined;
  /** Hours from loadedAt to the evaluation instant (0 when loadedAt is later). */
  ageHours?: number | undefined;
  ageIsLowerBound: boolean;
  warnAfterHours?: number | undefined;
  errorAfterHours?: number | undefined;
  origin: string;
}

/** The part of an asset's latest result freshness reads. */
export type LatestResult = Pick<AssetRunRecord, 'assetKey' | 'status' | 'finishedAt'>;

const HOUR_MS = 3_600_000;

function level(ageHours: number, e: FreshnessExpectation): FreshnessStatus {
  if (e.errorAfterHours !== undefined && ageHours > e.errorAfterHours) return 'error';
  if (e.warnAfterHours !== undefined && ageHours > e.warnAfterHours) return 'warn';
  return 'ok';
}

/**
 * One result per expectation, in the expectations' order. An asset never
 * loaded is `error` (or `warn` when only warn_after is set).
 */
export function evaluateFreshness(
  expectations: readonly FreshnessExpectation[],
  latest: readonly LatestResult[],
  at: Date,
  observed: ReadonlyMap<string, Date> = new Map(),
): FreshnessResult[] {
  const results = new Map(latest.map((r) => [r.assetKey, r]));
  return expectations.map((e): FreshnessResult => {
    const base = { assetKey: e.assetKey, warnAfterHours: e.warnAfterHours, errorAfterHours: e.errorAfterHours, origin: e.origin };
    const seen = observed.get(e.assetKey);
    const result = results.get(e.assetKey);
    const loadedAt = seen ?? result?.finishedAt;
    if (!loadedAt) {
      return { ...base, status: e.errorAfterHours !== undefined ? 'error' : 'warn', reason: 'never_loaded', ageIsLowerBound: false };
    }
    const ageHours = Math.max(0, at.getTime() - loadedAt.getTime()) / HOUR_MS;
    const status = level(ageHours, e);
    const lowerBound = seen === undefined && result?.status === 'failed';
    const reason: FreshnessReason = lowerBound ? 'latest_failed' : status === 'ok' ? 'fresh' : 'stale';
    return { ...base, status, reason, loadedAt, ageHours, ageIsLowerBound: lowerBound };
  });
}
