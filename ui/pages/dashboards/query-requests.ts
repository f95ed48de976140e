/**
 * The run requests of a dashboard page, pure. One request fills the input
 * controls: every input resolved, with the options queries of the page's
 * dropdowns (sent with every input value the viewer chose). Then one request
 * per other query a chart draws, sent with only the inputs that query reads
 * (directly or through a dropdown's options): its `key` changes only when
 * one of them does, so changing an input re-runs only the queries reading it.
 */
import type { DashboardBlock, InputBlock } from '../../../src/dashboards/dashboard.js';
import { queryInputs } from '../../../src/dashboards/query-inputs.js';

/** One POST /api/dashboards/:name/run. */
export interface QueryRequest {
  /** `inputs` for the controls' request, else the query's name. */
  id: string;
  queries: string[];
  /** The input values sent. */
  inputs: Record<string, string>;
  /** Changes exactly when the request's answer may change. */
  key: string;
}

/** The id of the request that resolves the input controls. */
export const INPUTS_REQUEST = 'inputs';

function pick(chosen: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...names].sort()) if (chosen[name] !== undefined) out[name] = chosen[name];
  return out;
}

/** The requests of a page with `blocks` for the input values `chosen` (those in the URL), controls first, then in page order. */
export function queryRequests(blocks: readonly DashboardBlock[], chosen: Readonly<Record<string, string>>): QueryRequest[] {
  const inputs = blocks.filter((b): b is InputBlock => b.kind === 'input');
  const optionQueries = [...new Set(inputs.flatMap((i) => (i.options && 'query' in i.options ? [i.options.query] : [])))];
  const reads = queryInputs(blocks);
  const requests: QueryRequest[] = [];
  if (inputs.length > 0) {
    const sent = pick(chosen, inputs.map((i) => i.name));
    requests.push({ id: INPUTS_REQUEST, queries: optionQueries, inputs: sent, key: JSON.stringify([optionQueries, sent]) });
  }
  const drawn = [...new Set(blocks.flatMap((b) => (b.kind === 'chart' ? [b.data] : [])))];
  for (const name of drawn.filter((q) => !optionQueries.includes(q))) {
    const sent = pick(chosen, reads.get(name) ?? []);
    requests.push({ id: name, queries: [name], inputs: sent, key: JSON.stringify([name, sent]) });
  }
  return requests;
}

/** Which request answers the query `name`. */
export function requestOf(requests: readonly QueryRequest[], name: string): QueryRequest | undefined {
  return requests.find((r) => r.queries.includes(name));
}
