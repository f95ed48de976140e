/**
 * The contract between the sandbox server and one vendor's fake API. Each
 * vendor is a folder `src/sandbox/<vendor>/` exporting a `VendorFakeFactory`;
 * the server mounts it under `/<prefix>/` and handles faults, time and
 * transport for it.
 */
import type { Logger } from '../core/logger.js';
import type { SandboxClock } from './clock.js';
import type { SyntheticCompany } from './company/synthetic-company.js';

/** A request as a vendor fake sees it. */
export interface SandboxRequest {
  method: string;
  /** The full URL as the client sent it (with the vendor prefix). */
  url: URL;
  /** The path below the vendor prefix, starting with `/` (e.g. `/v1/customers`). */
  path: string;
  headers: Headers;
  /** The request body as text ('' when none). */
  body: string;
  /** Sandbox time of the request (epoch ms). */
  now: number;
  /** Fault injection asks the fake to corrupt one record of this response. */
  malformed: boolean;
}

/** An injected error the fake renders in its vendor's format. */
export interface InjectedFault {
  kind: 'rate_limit' | 'server_error';
  /** Seconds the client should wait (for rate limits). */
  retryAfterSeconds: number;
}

/**
 * A request a write-side fake accepted (2xx, or HubSpot's 207 partial
 * success), recorded so tests can assert exactly what was delivered.
 */
export interface ReceivedRequest {
  method: string;
  /** The path below the vendor prefix (`/api/v1/customers/42`). */
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
  /** Sandbox time of the request (epoch ms). */
  at: number;
  /** The status the fake answered. */
  status: number;
}

/** A vendor's fake API. */
export interface VendorFake {
  /** Short name, used in fault settings and logs (`stripe`). */
  readonly name: string;
  /** Path prefix without slashes (`stripe` serves `/stripe/...`). */
  readonly prefix: string;
  /**
   * Path prefixes also served at the server root, for official SDKs that take a
   * host but no base path (Stripe's: `/v1/`). At most one vendor may claim a prefix.
   */
  readonly rootPaths?: readonly string[];
  /** Credentials and settings a connector needs, shown by `basin sandbox` (key -> value). */
  readonly credentials: Readonly<Record<string, string>>;
  /** Answers a request, or returns undefined when the path is not one of its routes (the server answers 404). */
  handle(request: SandboxRequest): Promise<Response> | undefined;
  /** Renders an injected 429 or 5xx in the vendor's error format. */
  renderFault(fault: InjectedFault): Response;
  /**
   * Write-side fakes only: the requests it accepted, oldest first (served at
   * `GET /_sandbox/received/<vendor>`).
   */
  received?(): readonly ReceivedRequest[];
  /** Forgets the accepted requests (`DELETE /_sandbox/received/<vendor>`); what they wrote stays. */
  resetReceived?(): void;
}

/** What a vendor fake is built from. */
export interface VendorContext {
  company: SyntheticCompany;
  clock: SandboxClock;
  logger: Logger;
}

/** Builds a vendor fake. */
export type VendorFakeFactory = (context: VendorContext) => VendorFake;
