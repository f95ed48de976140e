/**
 * Concurrency limits of a run: at most `global` assets at once, at most
 * `perKind[kind]` of a kind, and at most `perConnection` at once touching one
 * connection (its ingest and its tables), so an API's budget is shared.
 */
import type { Asset } from '../assets/asset.js';

/** The limits. */
export interface ConcurrencyLimits {
  global: number;
  perKind?: Partial<Record<string, number>> | undefined;
  perConnection?: number | undefined;
}

/** Counts what runs and says whether one more asset fits. */
export class ConcurrencyGate {
  private running = 0;
  private readonly byKind = new Map<string, number>();
  private readonly byConnection = new Map<string, number>();

  constructor(private readonly limits: ConcurrencyLimits) {}

  /** True when `asset` may start now. */
  fits(asset: Asset): boolean {
    if (this.running >= Math.max(1, this.limits.global)) return false;
    const kindLimit = this.limits.perKind?.[asset.kind];
    if (kindLimit !== undefined && (this.byKind.get(asset.kind) ?? 0) >= Math.max(1, kindLimit)) return false;
    const perConnection = this.limits.perConnection;
    if (perConnection !== undefined && asset.connection && (this.byConnection.get(asset.connection) ?? 0) >= Math.max(1, perConnection)) return false;
    return true;
  }

  /** Whether anything runs. */
  get idle(): boolean {
    return this.running === 0;
  }

  enter(asset: Asset): void {
    this.running++;
    this.byKind.set(asset.kind, (this.byKind.get(asset.kind) ?? 0) + 1);
    if (asset.connection) this.byConnection.set(asset.connection, (this.byConnection.get(asset.connection) ?? 0) + 1);
  }

  leave(asset: Asset): void {
    this.running--;
    this.byKind.set(asset.kind, (this.byKind.get(asset.kind) ?? 1) - 1);
    if (asset.connection) this.byConnection.set(asset.connection, (this.byConnection.get(asset.connection) ?? 1) - 1);
  }
}
