/**
 * The sandbox's own endpoints under `/_sandbox/` (never subject to faults):
 *
 * - `GET /_sandbox` — clock, seed, scale, vendors with base URLs and credentials, faults
 * - `POST /_sandbox/advance?days=&hours=&minutes=&seconds=&ms=` — moves the clock forward
 * - `GET /_sandbox/faults`, `POST /_sandbox/faults` (JSON `{ "<vendor>|*": { rateLimit, ... } }`),
 *   `DELETE /_sandbox/faults` — reads, merges, clears fault settings
 * - `GET /_sandbox/received/<vendor>`, `DELETE /_sandbox/received/<vendor>` — the requests a
 *   write-side fake (customerio, hubspot, sheets, webhook) accepted, and forgetting them
 */
import type { SandboxClock } from '../clock.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { durationMs } from '../duration.js';
import type { FaultControl } from '../faults/fault-control.js';
import type { FaultConfig } from '../faults/fault-settings.js';
import type { VendorFake } from '../vendor-fake.js';

/** What the control routes act on. */
export interface ControlTarget {
  clock: SandboxClock;
  company: SyntheticCompany;
  faults: FaultControl;
  vendors: readonly VendorFake[];
  /** The server's base URL (no trailing slash). */
  baseUrl(): string;
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

function info(target: ControlTarget): unknown {
  return {
    now: new Date(target.clock.now()).toISOString(),
    seed: target.company.seed,
    scale: target.company.scale,
    vendors: target.vendors.map((v) => ({
      name: v.name,
      baseUrl: `${target.baseUrl()}/${v.prefix}`,
      credentials: v.credentials,
    })),
    faults: target.faults.config(),
  };
}

/** Answers a `/_sandbox` request. */
export function handleControl(target: ControlTarget, method: string, url: URL, body: string): Response {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/_sandbox' && method === 'GET') return json(200, info(target));
  if (path === '/_sandbox/advance' && method === 'POST') {
    const q = url.searchParams;
    const num = (name: string): number | undefined => (q.has(name) ? Number(q.get(name)) : undefined);
    try {
      const ms = durationMs({ days: num('days'), hours: num('hours'), minutes: num('minutes'), seconds: num('seconds'), ms: num('ms') });
      target.clock.advance(ms);
    } catch (err) {
      return json(400, { error: (err as Error).message });
    }
    return json(200, { now: new Date(target.clock.now()).toISOString() });
  }
  if (path === '/_sandbox/faults') {
    if (method === 'GET') return json(200, target.faults.config());
    if (method === 'DELETE') {
      target.faults.reset();
      return json(200, target.faults.config());
    }
    if (method === 'POST') {
      try {
        const parsed = JSON.parse(body || '{}') as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
        return json(200, target.faults.set(parsed as FaultConfig));
      } catch (err) {
        return json(400, { error: (err as Error).message });
      }
    }
  }
  const received = /^\/_sandbox\/received\/([^/]+)$/.exec(path);
  if (received) {
    const vendor = target.vendors.find((v) => v.name === decodeURIComponent(received[1] ?? ''));
    if (!vendor?.received) return json(404, { error: `no write-side sandbox vendor "${received[1] ?? ''}"` });
    if (method === 'GET') return json(200, { vendor: vendor.name, requests: vendor.received() });
    if (method === 'DELETE') {
      vendor.resetReceived?.();
      return json(200, { vendor: vendor.name, requests: vendor.received() });
    }
  }
  return json(404, { error: `no sandbox control route ${method} ${path}` });
}
