/** An alert: what went wrong, where to look. Built by the orchestrator, sent by the AlertDispatcher. */
import type { AlertEvent } from './alert-channels.js';

/** One asset an alert is about. */
export interface AlertAsset {
  key: string;
  /** failed / skipped (a run), or warn / error (freshness). */
  status: string;
  /** The error (scrubbed of secrets) or the freshness reason with the age. */
  detail?: string | undefined;
}

export interface Alert {
  event: AlertEvent;
  /** One line: `Job nightly failed: 2 assets failed`. */
  title: string;
  job?: string | undefined;
  runId?: string | undefined;
  /** Link to the run (or the freshness check) on the server. */
  link?: string | undefined;
  assets: AlertAsset[];
  at: Date;
}
