/**
 * Layouts of the lineage views, computed once per view and kept: the whole
 * graph (with and without tests) and the most recently asked focus views.
 * The project's graph does not change while the server runs, so a layout
 * never goes stale; run statuses are merged in per request (lineage-json.ts).
 * With a `LayoutStore`, a layout computed once is kept on disk and the next
 * server start reads it instead of running ELK (layout-store.ts).
 */
import type { Logger } from '../../core/logger.js';
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import { errorMessage } from '../../core/errors.js';
import { elkInput, readLayout, type Layout } from './elk-graph.js';
import { layoutKey, type LayoutStore } from './layout-store.js';
import type { ElkWorker } from './layout-worker.js';
import { lineageGraph, type LineageGraph, type LineageView } from './lineage-graph.js';

/** Focus views kept besides the two whole-graph views. */
const FOCUS_VIEWS_KEPT = 64;

/**
 * Focus views with at least this many nodes are stored on disk too (whole-graph
 * views always are); smaller ones take well under a second, and storing each
 * would push the whole graph's file out of the store.
 */
const STORED_FOCUS_FROM_NODES = 300;

/** A laid-out view; `ms` is ELK's time when it was computed; `stored` when it was read from the LayoutStore. */
export interface LaidOut {
  graph: LineageGraph;
  layout: Layout;
  ms: number;
  stored?: boolean;
}

function cacheKey(view: LineageView): string {
  return view.focus === undefined ? `all|${view.tests}` : `focus|${view.tests}|${view.up}|${view.down}|${view.focus}`;
}

/** The cache of laid-out views of one project's graph. */
export class LineageLayouts {
  private readonly views = new Map<string, Promise<LaidOut>>();

  constructor(
    private readonly assets: AssetGraph,
    private readonly elk: ElkWorker,
    private readonly logger: Logger,
    private readonly store?: LayoutStore,
  ) {}

  /** The laid-out view, undefined when its focus names no asset. Failed layouts are not kept. */
  async get(view: LineageView): Promise<{ laidOut: LaidOut; cached: boolean } | undefined> {
    const graph = lineageGraph(this.assets, view);
    if (!graph) return undefined;
    const key = cacheKey({ ...view, focus: graph.focus?.id });
    const kept = this.views.get(key);
    if (kept) {
      this.views.delete(key);
      this.views.set(key, kept);
      return { laidOut: await kept, cached: true };
    }
    const computing = this.compute(graph);
    this.views.set(key, computing);
    computing.catch(() => this.views.delete(key));
    this.evict();
    const laidOut = await computing;
    return { laidOut, cached: laidOut.stored === true };
  }

  /** Starts laying out the whole graph (tests folded) so the first visit finds it ready. */
  warm(): void {
    this.get({ up: 0, down: 0, tests: false }).catch((err: unknown) => this.logger.warn('lineage layout failed', { error: String(err) }));
  }

  private async compute(graph: LineageGraph): Promise<LaidOut> {
    const input = elkInput(graph);
    const keepOnDisk = this.store !== undefined && (graph.focus === undefined || graph.nodes.length >= STORED_FOCUS_FROM_NODES);
    const key = keepOnDisk ? layoutKey(input) : undefined;
    if (this.store && key) {
      const found = await this.store.read(key, input);
      if (found) {
        this.logger.debug('lineage layout read from disk', { nodes: graph.nodes.length, edges: graph.edges.length, key });
        return { graph, layout: found.layout, ms: found.ms, stored: true };
      }
    }
    const { output, ms } = await this.elk.layout(input);
    this.logger.debug('lineage layout', { nodes: graph.nodes.length, edges: graph.edges.length, ms: Math.round(ms) });
    const layout = readLayout(graph, output);
    if (this.store && key) {
      await this.store.write(key, layout, ms).catch((err: unknown) => this.logger.warn('could not store the lineage layout', { error: errorMessage(err) }));
    }
    return { graph, layout, ms };
  }

  private evict(): void {
    const focusKeys = [...this.views.keys()].filter((k) => k.startsWith('focus|'));
    for (const k of focusKeys.slice(0, Math.max(0, focusKeys.length - FOCUS_VIEWS_KEPT))) this.views.delete(k);
  }
}
