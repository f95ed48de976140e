/** What running one asset produced, and the events a run of assets emits. */
import type { Asset } from '../assets/asset.js';

/** The result of one attempt at an asset. */
export interface AssetOutcome {
  status: 'succeeded' | 'warned' | 'failed';
  rows?: number | undefined;
  message?: string | undefined;
  error?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** The final result of an asset in a run. */
export interface AssetRunResult {
  id: string;
  status: 'succeeded' | 'warned' | 'failed' | 'skipped' | 'canceled';
  attempts: number;
  startedAt?: Date | undefined;
  finishedAt?: Date | undefined;
  rows?: number | undefined;
  message?: string | undefined;
  error?: string | undefined;
  /** Skipped assets: the failed upstream asset. */
  skippedBecause?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** Progress of a run of assets. */
export type AssetRunEvent =
  | { type: 'asset_started'; asset: Asset; attempt: number; at: Date }
  | { type: 'asset_retrying'; asset: Asset; attempt: number; error: string; delayMs: number; at: Date }
  | { type: 'asset_finished'; asset: Asset; result: AssetRunResult; at: Date };

/** What an asset's executor receives. */
export interface AssetContext {
  /** Aborted on cancellation and on the asset's timeout. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Runs one asset (one attempt). Throwing counts as a failed attempt. */
export type AssetExecutor = (asset: Asset, context: AssetContext) => Promise<AssetOutcome>;
