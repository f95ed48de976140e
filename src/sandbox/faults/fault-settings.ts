/** Fault injection rates for one vendor. Rates are probabilities per request, in [0, 1]. */
export interface FaultSettings {
  /** Share of requests answered 429 with Retry-After. */
  rateLimit: number;
  /** Share answered with a 5xx (500, 502 or 503). */
  serverError: number;
  /** Share that send headers and part of the body, then stall `stallSeconds` and drop the connection. */
  stall: number;
  /** Share of list responses with one malformed record. */
  malformed: number;
  /** Retry-After of injected 429s, seconds (default 1). */
  retryAfterSeconds: number;
  /** How long a stalled response hangs before the connection is dropped, seconds (default 30). */
  stallSeconds: number;
}

/** No faults. */
export const NO_FAULTS: FaultSettings = {
  rateLimit: 0,
  serverError: 0,
  stall: 0,
  malformed: 0,
  retryAfterSeconds: 1,
  stallSeconds: 30,
};

/** Fault settings by vendor name; `*` applies to vendors without their own entry. */
export type FaultConfig = Record<string, Partial<FaultSettings>>;
