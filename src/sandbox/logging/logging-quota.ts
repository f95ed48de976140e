/**
 * Cloud Logging's read quota: `entries.list` requests per minute per project
 * (60 by default), counted on wall-clock time over a rolling minute.
 * Exceeding it answers 429 RESOURCE_EXHAUSTED with the `google.rpc.ErrorInfo`
 * detail Google sends for quota errors (no Retry-After header, as Google).
 */

/** The quota (default: Google's documented 60 per minute per project). */
export interface LoggingQuota {
  /** Requests allowed per window. */
  requests: number;
  /** Window length (ms). */
  windowMs: number;
}

export const LOGGING_LIST_QUOTA: LoggingQuota = { requests: 60, windowMs: 60_000 };

/** Counts requests per project. */
export class QuotaCounter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly quota: LoggingQuota,
    private readonly wallClock: () => number,
  ) {}

  /** Counts a request; false when the project's quota is used up (the request is not counted). */
  admit(project: string): boolean {
    const now = this.wallClock();
    const kept = (this.recent.get(project) ?? []).filter((t) => t > now - this.quota.windowMs);
    this.recent.set(project, kept);
    if (kept.length >= this.quota.requests) return false;
    kept.push(now);
    return true;
  }
}

/** The 429 body of an exhausted read quota. */
export function quotaExceededBody(project: string, quota: LoggingQuota): Record<string, unknown> {
  const limit = 'ReadRequestsPerMinutePerProject';
  return {
    error: {
      code: 429,
      message: `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com' for consumer 'project_number:${project}'.`,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: { service: 'logging.googleapis.com', quota_metric: 'logging.googleapis.com/read_requests', quota_limit: limit, quota_limit_value: String(quota.requests), consumer: `projects/${project}` },
        },
      ],
    },
  };
}
