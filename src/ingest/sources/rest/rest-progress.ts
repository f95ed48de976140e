import type { StreamState } from '../../source.js';
import { createIncrementalCursor } from '../../http/incremental-cursor.js';
import type { ResourceConfig } from './rest-config.js';

/**
 * What a REST stream checkpoints: where to resume (the next page's request,
 * and for a child resource the parent position) and, for incremental
 * resources, the cursor (see incremental-cursor.ts for why the high-water
 * mark only moves when a run completes). `replace` resources never resume
 * mid-way: their new table only replaces the old one when the load finishes.
 */
export interface StreamProgress {
  /** The lower bound for the cursor parameter, when incremental. */
  readonly lowerBound: string | number | undefined;
  /** Where an interrupted run left off, if any. */
  readonly resume: unknown;
  observe(records: readonly unknown[]): void;
  pageState(resume: unknown): StreamState | undefined;
  finalState(): StreamState | undefined;
}

/** The progress tracker of one read of `resource`. */
export function createStreamProgress(resource: ResourceConfig, state: StreamState | undefined, fullRefresh: boolean): StreamProgress {
  const saved = fullRefresh ? undefined : state;
  const replace = resolveWrite(resource) === 'replace';
  if (resource.cursor) {
    const cursor = createIncrementalCursor(
      {
        field: resource.cursor.field,
        lookbackMs: resource.cursor.lookback,
        initialValue: resource.cursor.initial_value,
        format: resource.cursor.format,
        ordered: resource.cursor.ordered,
      },
      replace && saved ? { cursor: (saved as { cursor?: unknown }).cursor } : saved,
    );
    return {
      lowerBound: cursor.lowerBound,
      resume: cursor.resume,
      observe: (records) => cursor.observe(records),
      pageState: (resume) => (replace ? undefined : cursor.pageState(resume)),
      finalState: () => cursor.finalState(),
    };
  }
  const run = (saved as { run?: { resume?: unknown } } | undefined)?.run;
  return {
    lowerBound: undefined,
    resume: replace ? undefined : run?.resume,
    observe: () => undefined,
    pageState: (resume) => (replace ? undefined : { run: { resume } }),
    finalState: () => ({}),
  };
}

/** The write disposition: as configured, else merge with a primary key and append without. */
export function resolveWrite(resource: ResourceConfig): 'append' | 'replace' | 'merge' {
  return resource.write ?? (resource.primary_key.length > 0 ? 'merge' : 'append');
}
