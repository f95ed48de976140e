/**
 * Decides, per request, whether to inject a fault. A decision depends only on
 * the seed, the vendor, the request (method + path + query) and how many
 * times that same request was seen before, so a run is reproducible even
 * with concurrent clients, and a retried request eventually gets through.
 */
import { hashInts, hashString } from '../prng.js';
import { NO_FAULTS, type FaultConfig, type FaultSettings } from './fault-settings.js';

/** What to do with one request. */
export type FaultDecision = 'none' | 'rate_limit' | 'server_error' | 'stall';

/** The decision plus the settings it was taken with. */
export interface FaultVerdict {
  decision: FaultDecision;
  malformed: boolean;
  settings: FaultSettings;
}

/** Reads and changes fault settings at run time. */
export interface FaultControl {
  /** Effective settings of a vendor. */
  settings(vendor: string): FaultSettings;
  /** Merges `config` into the current settings (`*` = every vendor); returns the new config. */
  set(config: FaultConfig): FaultConfig;
  /** Clears every setting and every attempt counter. */
  reset(): void;
  /** The current config as set. */
  config(): FaultConfig;
  /** Decides for one request of `vendor`. */
  decide(vendor: string, requestKey: string): FaultVerdict;
}

/** Attempt counters are dropped past this many distinct requests (bounded memory). */
const MAX_TRACKED = 100_000;

function validate(settings: Partial<FaultSettings>, where: string): void {
  for (const [key, value] of Object.entries(settings)) {
    if (!(key in NO_FAULTS)) throw new RangeError(`${where}: unknown fault setting "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${where}.${key}: expected a number >= 0`);
    }
    if (!key.endsWith('Seconds') && value > 1) throw new RangeError(`${where}.${key}: a rate must be <= 1`);
  }
}

/** Creates a FaultControl seeded with `seed` and starting from `initial`. */
export function createFaultControl(seed: number, initial: FaultConfig = {}): FaultControl {
  let current: FaultConfig = {};
  const attempts = new Map<string, number>();
  const control: FaultControl = {
    settings(vendor) {
      return { ...NO_FAULTS, ...current['*'], ...current[vendor] };
    },
    set(config) {
      for (const [vendor, settings] of Object.entries(config)) validate(settings, vendor);
      const next: FaultConfig = { ...current };
      for (const [vendor, settings] of Object.entries(config)) next[vendor] = { ...next[vendor], ...settings };
      current = next;
      return control.config();
    },
    reset() {
      current = {};
      attempts.clear();
    },
    config() {
      return JSON.parse(JSON.stringify(current)) as FaultConfig;
    },
    decide(vendor, requestKey) {
      const settings = control.settings(vendor);
      const key = `${vendor} ${requestKey}`;
      const attempt = attempts.get(key) ?? 0;
      if (attempts.size >= MAX_TRACKED) attempts.clear();
      attempts.set(key, attempt + 1);
      const h = hashString(key);
      const roll = hashInts(seed, h, attempt, 1) / 0x100000000;
      const malformedRoll = hashInts(seed, h, attempt, 2) / 0x100000000;
      let decision: FaultDecision = 'none';
      if (roll < settings.rateLimit) decision = 'rate_limit';
      else if (roll < settings.rateLimit + settings.serverError) decision = 'server_error';
      else if (roll < settings.rateLimit + settings.serverError + settings.stall) decision = 'stall';
      return { decision, malformed: malformedRoll < settings.malformed, settings };
    },
  };
  control.set(initial);
  return control;
}
