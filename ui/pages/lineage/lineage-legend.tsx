/** The kinds shown in the graph, with their colors and counts. */
import type { LineageNodeJson } from '../../../src/server/lineage/lineage-json';

/** Kinds in the order data flows through them. */
export const KIND_ORDER = ['connection', 'source', 'seed', 'snapshot', 'model', 'analysis', 'test', 'sync', 'dashboard', 'exposure'];

export function LineageLegend(props: { nodes: readonly LineageNodeJson[] }) {
  const counts = new Map<string, number>();
  for (const n of props.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const kinds = [...counts.keys()].sort((a, b) => (KIND_ORDER.indexOf(a) + 1 || 99) - (KIND_ORDER.indexOf(b) + 1 || 99));
  return (
    <ul className="ln-legend" aria-label="Kinds">
      {kinds.map((k) => (
        <li key={k} className={`ln-kind-${k}`}>
          <span className="ln-swatch" aria-hidden="true" />
          {k} <span className="muted">{counts.get(k)}</span>
        </li>
      ))}
      <li className="muted small">Drag to pan · wheel to zoom · click a node to open it · its target button (or F) focuses on it</li>
    </ul>
  );
}
