/**
 * The clock a Scheduler reads and arms timers on. Production uses the system
 * clock; tests pass a virtual one (test-support/virtual-clock.ts) so days of
 * ticks run in milliseconds.
 */

/** An armed timer, as returned by setTimer. */
export type TimerHandle = { readonly timer: unknown };

export interface SchedulerClock {
  now(): Date;
  /** Calls `fn` once after `ms` milliseconds (setTimeout semantics). */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** The longest delay setTimeout accepts (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Wall-clock time and Node's timers (unref'd: a pending tick never keeps the process alive). */
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return { timer };
  },
  clearTimer: (handle) => clearTimeout(handle.timer as ReturnType<typeof setTimeout>),
};
