/**
 * The inputs each query of a page reads, pure: the `${inputs.x}` of its SQL
 * (an analysis block: its `range:` input) and, for a dropdown it reads whose
 * options come from a query, the inputs of that options query too (they
 * decide the dropdown's options, hence its default). A query's result
 * changes only when one of these inputs does.
 */
import { inputReferences } from './bind-inputs.js';
import type { DashboardBlock, InputBlock } from './dashboard.js';

/** Query name → the names of the inputs it reads, directly or through a dropdown's options query. */
export function queryInputs(blocks: readonly DashboardBlock[]): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const block of blocks) {
    if (block.kind === 'query') direct.set(block.name, [...new Set(inputReferences(block.sql).map((r) => r.input))]);
    else if (block.kind === 'analysis') direct.set(block.name, block.rangeInput ? [block.rangeInput] : []);
  }
  const inputs = new Map(blocks.filter((b): b is InputBlock => b.kind === 'input').map((i) => [i.name, i]));
  const out = new Map<string, string[]>();
  for (const [name, reads] of direct) {
    const all = new Set(reads);
    for (const input of reads) {
      const source = inputs.get(input)?.options;
      if (source && 'query' in source) for (const upstream of direct.get(source.query) ?? []) all.add(upstream);
    }
    out.set(name, [...all]);
  }
  return out;
}
