/**
 * A SchedulerClock in virtual time for tests: timers fire only when the test
 * advances the clock, in due order, and after each firing the test's
 * `settle` (e.g. every scheduler's idle()) is awaited so async work done
 * by a timer (store calls, re-arming) completes before the next one fires.
 */
import type { SchedulerClock, TimerHandle } from '../scheduler-clock.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock implements SchedulerClock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<TimerHandle, Pending>();

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { timer: ++this.seq };
    this.timers.set(handle, { at: this.current + Math.max(0, ms), seq: this.seq, fn });
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle);
  }

  /** Timers armed and not yet fired. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time to `target`, firing every timer due on the way (in order), awaiting `settle` after each. */
  async advanceTo(target: Date, settle: () => Promise<unknown> = async () => undefined): Promise<void> {
    await settle();
    for (;;) {
      let first: [TimerHandle, Pending] | undefined;
      for (const entry of this.timers) {
        const [, p] = entry;
        if (p.at <= target.getTime() && (!first || p.at < first[1].at || (p.at === first[1].at && p.seq < first[1].seq))) first = entry;
      }
      if (!first) break;
      this.timers.delete(first[0]);
      this.current = Math.max(this.current, first[1].at);
      first[1].fn();
      await settle();
    }
    this.current = Math.max(this.current, target.getTime());
  }

  /** Jumps the clock without firing timers (a process that was down or asleep). */
  jumpTo(target: Date): void {
    this.current = target.getTime();
  }
}
