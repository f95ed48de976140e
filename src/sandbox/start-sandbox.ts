/**
 * Starts the sandbox: one synthetic company, one clock, fault control, and
 * every vendor fake on one loopback HTTP server.
 */
import { silentLogger, type Logger } from '../core/logger.js';
import { createSandboxClock, type SandboxClock } from './clock.js';
import { SyntheticCompany } from './company/synthetic-company.js';
import { DEFAULT_VENDORS } from './default-vendors.js';
import { durationMs, type SandboxDuration } from './duration.js';
import { createFaultControl, type FaultControl } from './faults/fault-control.js';
import type { FaultConfig } from './faults/fault-settings.js';
import { startSandboxServer } from './http/sandbox-server.js';
import { sandboxEnvironment } from './sandbox-environment.js';
import type { VendorFake, VendorFakeFactory } from './vendor-fake.js';

/** The default clock start: fixed, so data is identical from run to run. */
export const DEFAULT_SANDBOX_START = new Date('2025-01-01T00:00:00.000Z');

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Loopback only (default 127.0.0.1). */
  host?: '127.0.0.1';
  /** Seed of the synthetic company and of fault decisions (default 1). */
  seed?: number;
  /** Volume multiplier (default 1: 500 organizations, ~300 Stripe customers). */
  scale?: number;
  /** Sandbox time at start (default DEFAULT_SANDBOX_START). */
  clock?: Date;
  /** Fault settings at start (default none). */
  faults?: FaultConfig;
  /** Vendor fakes to mount (default DEFAULT_VENDORS). */
  vendors?: readonly VendorFakeFactory[];
  logger?: Logger;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:41234` (vendors under `/<prefix>`). */
  url: string;
  company: SyntheticCompany;
  clock: SandboxClock;
  faults: FaultControl;
  vendors: readonly VendorFake[];
  /** Base URL of a vendor's fake, e.g. `baseUrl('stripe')`. */
  baseUrl(vendor: string): string;
  /** Environment variables pointing connections at this sandbox (`STRIPE_BASE_URL`, `STRIPE_API_KEY`, ...). */
  environment(): Record<string, string>;
  /** Moves sandbox time forward: new signups, plan changes, cancellations, payments, deletions. */
  advance(duration: SandboxDuration): void;
  close(): Promise<void>;
}

/** Starts a sandbox; close it when done. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger = options.logger ?? silentLogger;
  const seed = options.seed ?? 1;
  const start = (options.clock ?? DEFAULT_SANDBOX_START).getTime();
  const company = new SyntheticCompany({ seed, scale: options.scale ?? 1, start });
  const clock = createSandboxClock(start);
  const faults = createFaultControl(seed, options.faults ?? {});
  const vendors = (options.vendors ?? DEFAULT_VENDORS).map((factory) => factory({ company, clock, logger }));
  const server = await startSandboxServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    clock,
    company,
    faults,
    vendors,
    logger,
  });
  const baseUrl = (vendor: string): string => {
    const fake = vendors.find((v) => v.name === vendor);
    if (!fake) throw new Error(`no sandbox vendor "${vendor}"`);
    return `${server.url}/${fake.prefix}`;
  };
  return {
    url: server.url,
    company,
    clock,
    faults,
    vendors,
    baseUrl,
    environment: () => sandboxEnvironment(vendors, baseUrl),
    advance(duration) {
      clock.advance(durationMs(duration));
    },
    close: () => server.close(),
  };
}
