/** The sandbox's own time. It stands still until advanced, so runs are reproducible. */
export interface SandboxClock {
  /** Current sandbox time, epoch milliseconds. */
  now(): number;
  /** Moves time forward by `ms` (>= 0). */
  advance(ms: number): void;
}

/** A clock starting at `start` (epoch ms). */
export function createSandboxClock(start: number): SandboxClock {
  let current = start;
  return {
    now: () => current,
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the sandbox clock by ${ms} ms`);
      current += ms;
    },
  };
}
