/**
 * Paths: for an event, the most common sequences of the events right after
 * it (or before it: shown leading up to it), `depth` events long, with how
 * often they happened and how many users took them.
 */
import type { PathsJson } from '../../../src/server/analytics/analytics-json';
import { Empty } from '../../components/states';
import { count } from '../../format';
import { AnalysisResult, EventField, Field, Segmented, TabFrame } from './explorer-controls';
import { pathsRequest } from './explorer-state';
import { pathSteps } from './explorer-format';
import type { TabProps } from './tab-props';
import { useAnalysis } from './use-analysis';

function PathsTable(props: { data: PathsJson }) {
  const { event, direction, paths } = props.data;
  const most = Math.max(1, ...paths.map((r) => r.occurrences));
  return (
    <div className="table-wrap">
      <table className="table compact ax-paths">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Path</th>
            <th>Occurrences</th>
            <th className="num">Users</th>
          </tr>
        </thead>
        <tbody>
          {paths.map((r, i) => (
            <tr key={r.path.join('\u0000')} data-path={r.path.join(' > ')}>
              <td className="num">{i + 1}</td>
              <td>
                {pathSteps(event, direction, r.path).map((e, j, all) => (
                  <span key={j}>
                    <span className={`chip${(direction === 'next' ? j === 0 : j === all.length - 1) ? ' ax-anchor' : ''}`}>{e}</span>
                    {j < all.length - 1 && <span className="muted"> → </span>}
                  </span>
                ))}
              </td>
              <td className="ax-bar-cell">
                <span className="ax-bar" style={{ width: `${(r.occurrences / most) * 100}%` }} />
                <span className="ax-bar-value" data-occurrences>
                  {count(r.occurrences)}
                </span>
              </td>
              <td className="num">{count(r.users)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PathsTab(props: TabProps) {
  const p = props.state.paths;
  const body = pathsRequest(props.state);
  const run = useAnalysis<PathsJson>('paths', body);
  return (
    <TabFrame
      name="paths"
      controls={
        <div className="ax-options">
          <EventField name="path-event" label="Event" value={p.event} events={props.overview.events} onChange={(v) => props.set({ path_event: v })} />
          <Field label="Direction">
            <Segmented name="direction" value={p.direction} options={[['next', 'what comes next'], ['previous', 'what came before']] as const} onChange={(v) => props.set({ direction: v === 'next' ? undefined : v })} />
          </Field>
          <Field label="Depth">
            <select name="depth" value={p.depth} onChange={(e) => props.set({ depth: e.target.value })}>
              {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
                <option key={d} value={d}>
                  {d} {d === 1 ? 'event' : 'events'}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Show">
            <select name="limit" value={p.limit} onChange={(e) => props.set({ limit: e.target.value })}>
              {[10, 20, 50, 100].map((n) => (
                <option key={n} value={n}>
                  top {n}
                </option>
              ))}
            </select>
          </Field>
        </div>
      }
    >
      <AnalysisResult
        run={run}
        asked={body !== undefined}
        missing={<Empty title="Pick an event" />}
        title="Most common paths"
        isEmpty={(data) => data.paths.length === 0}
        empty={<Empty title="No paths">No {p.direction === 'next' ? 'event follows' : 'event precedes'} {p.event} in the range.</Empty>}
      >
        {(data) => <PathsTable data={data} />}
      </AnalysisResult>
    </TabFrame>
  );
}
