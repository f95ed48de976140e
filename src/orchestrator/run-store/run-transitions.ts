/**
 * The run lifecycle: queued -> running -> one final status. A queued run may
 * also finish directly (canceled before it started, nothing to do, its server
 * died). Final statuses never change again; setting the same status is a no-op
 * change and allowed, so a patch may repeat it.
 */
import type { RunStatus } from './run-store.js';

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted'];

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'canceled', 'interrupted'];

/** Statuses of runs that are not finished: what heartbeats and markInterrupted look at. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  queued: ['queued', 'running', ...FINAL_RUN_STATUSES],
  running: ['running', ...FINAL_RUN_STATUSES],
  succeeded: ['succeeded'],
  failed: ['failed'],
  canceled: ['canceled'],
  interrupted: ['interrupted'],
};

/** True when a run in status `from` may be set to `to`. */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a run may be in for `to` to be allowed. */
export function statusesAllowing(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => canTransition(from, to));
}

export function isFinalRunStatus(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}
