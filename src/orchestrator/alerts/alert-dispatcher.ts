/**
 * Sends alerts: a log line for every alert (error level, warn for
 * freshness_warn), and a POST of the payload to each channel that wants it,
 * with a timeout and retries on network errors, 429 and 5xx (3 attempts,
 * backoff 1 s then 2 s, or the Retry-After the receiver asks, up to 30 s).
 * Never throws: a channel that cannot be reached is logged by name, never
 * by URL (webhook URLs hold tokens).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { channelWants, type AlertChannel } from './alert-channels.js';
import { alertPayload } from './alert-payload.js';
import type { Alert } from './alert.js';

export interface AlertDispatcherOptions {
  channels: readonly AlertChannel[];
  logger: Logger;
  /** Per attempt, default 10 s. */
  timeoutMs?: number;
  /** Default 3. */
  attempts?: number;
  /** First backoff, default 1 s (doubles). */
  backoffMs?: number;
}

/** The outcome per channel, for tests and the run's events. */
export interface AlertDelivery {
  channel: string;
  delivered: boolean;
  attempts: number;
  error?: string;
}

export class AlertDispatcher {
  constructor(private readonly options: AlertDispatcherOptions) {}

  /** Logs the alert and delivers it to every channel that wants it. */
  async notify(alert: Alert): Promise<AlertDelivery[]> {
    const { logger } = this.options;
    const fields = {
      alert: alert.event,
      ...(alert.job ? { job: alert.job } : {}),
      ...(alert.runId ? { run_id: alert.runId } : {}),
      ...(alert.link ? { link: alert.link } : {}),
      assets: alert.assets.map((a) => `${a.key} (${a.status})${a.detail ? `: ${a.detail}` : ''}`),
    };
    if (alert.event === 'freshness_warn') logger.warn(`ALERT ${alert.title}`, fields);
    else logger.error(`ALERT ${alert.title}`, fields);
    const channels = this.options.channels.filter((c) => channelWants(c, alert.event, alert.job));
    return Promise.all(channels.map((c) => this.deliver(c, alert)));
  }

  private async deliver(channel: AlertChannel, alert: Alert): Promise<AlertDelivery> {
    const attempts = this.options.attempts ?? 3;
    const body = JSON.stringify(alertPayload(alert, channel.format));
    let wait = this.options.backoffMs ?? 1000;
    let last = '';
    let made = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      made = attempt;
      let retryAfterMs: number | undefined;
      try {
        const res = await fetch(channel.webhook, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'basin-alerts' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return { channel: channel.name, delivered: true, attempts: attempt };
        last = `HTTP ${res.status}`;
        if (res.status !== 429 && res.status < 500) break;
        const retryAfter = Number(res.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = Math.min(retryAfter * 1000, 30_000);
      } catch (err) {
        // fetch errors can quote the URL; keep only the kind of failure.
        last = (err as Error).name === 'TimeoutError' ? 'timed out' : `network error (${errorCode(err)})`;
      }
      if (attempt < attempts) {
        await sleep(retryAfterMs ?? wait);
        wait *= 2;
      }
    }
    this.options.logger.warn(`alert channel ${channel.name}: delivery failed (${last})`, { channel: channel.name, alert: alert.event });
    return { channel: channel.name, delivered: false, attempts: made, error: last };
  }
}

function errorCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : errorMessage(err).split(/\s/)[0] ?? 'unknown';
}
