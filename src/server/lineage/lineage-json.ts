/**
 * The JSON shape of GET /api/lineage: the asset graph (or the part of it
 * around one asset) already laid out by ELK, so the browser only draws it.
 * The web UI imports these types (type-only), so the API and the UI agree at
 * compile time.
 */

/** One asset placed on the canvas (top-left corner, size in graph units). */
export interface LineageNodeJson {
  id: string;
  key: string;
  kind: string;
  name: string;
  tags: string[];
  /** The asset's latest result in the run store (`succeeded`, `failed`, ...), null when it never ran. */
  status: string | null;
  /** Tests attached to this asset (hidden in the graph unless tests are shown). */
  tests: number;
  /** Of those tests, how many last failed or errored. */
  failing_tests: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One dependency: `from` is read by `to`; `path` is the routed polyline from ELK ([x, y] points). */
export interface LineageEdgeJson {
  from: string;
  to: string;
  path: Array<[number, number]>;
}

/** The whole answer. */
export interface LineageJson {
  project: string;
  /** The focused asset's key, null for the whole graph. */
  focus: string | null;
  /** Levels shown upstream and downstream of the focus (null without a focus). */
  up: number | null;
  down: number | null;
  /** Whether test assets are drawn as nodes. */
  tests: boolean;
  width: number;
  height: number;
  nodes: LineageNodeJson[];
  edges: LineageEdgeJson[];
  /** Every asset key of the project (for search), in topological order. */
  keys: string[];
  /** Milliseconds ELK took for this layout (0 when it came from the cache). */
  layout_ms: number;
}
