/**
 * Retention: a start event (cohorts), a return event (any by default), each
 * narrowed by property filters if asked, the
 * period, how many periods, the mode (on / on or after) and the cohort type
 * → the cohort table as a heat map of percentages with cohort sizes. A null
 * value means the period is not observable yet (it lies after the data) and
 * is an empty cell, unlike a 0 %.
 */
import type { RetentionCohort, RetentionJson } from '../../../src/server/analytics/analytics-json';
import { Empty } from '../../components/states';
import { count } from '../../format';
import { percent } from './explorer-format';
import { AnalysisResult, Field, Segmented, TabFrame } from './explorer-controls';
import { PERIODS, retentionRequest } from './explorer-state';
import { MatcherField } from './filters-editor';
import type { TabProps } from './tab-props';
import { useAnalysis } from './use-analysis';

const PERIOD_LABEL = { day: 'Day', week: 'Week', month: 'Month' } as const;

/** A cohort's values, null where not observable. */
function cells(c: RetentionCohort): Array<{ retained: number | null; rate: number | null }> {
  return c.retained.map((r, k) => ({ retained: r, rate: r === null ? null : (c.rates[k] ?? (c.users > 0 ? r / c.users : null)) }));
}

function CohortTable(props: { cohorts: readonly RetentionCohort[]; period: keyof typeof PERIOD_LABEL; periods: number }) {
  const ks = Array.from({ length: props.periods + 1 }, (_, k) => k);
  return (
    <div className="table-wrap">
      <table className="table compact ax-cohorts">
        <thead>
          <tr>
            <th>Cohort</th>
            <th className="num">Users</th>
            {ks.map((k) => (
              <th key={k} className="num">
                {PERIOD_LABEL[props.period]} {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <td className="mono">{c.cohort}</td>
              <td className="num" data-size>
                {count(c.users)}
              </td>
              {ks.map((k) => {
                const cell = cells(c)[k];
                if (!cell || cell.rate === null) return <td key={k} className="num ax-cell" data-k={k} data-empty title="not observable yet" />;
                return (
                  <td key={k} className="num ax-cell" data-k={k} title={`${count(cell.retained)} of ${count(c.users)} users`} style={{ background: `color-mix(in srgb, var(--accent) ${Math.round(cell.rate * 70)}%, transparent)` }}>
                    {percent(cell.rate)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RetentionTab(props: TabProps) {
  const r = props.state.retention;
  const body = retentionRequest(props.state);
  const run = useAnalysis<RetentionJson>('retention', body);
  return (
    <TabFrame
      name="retention"
      controls={
        <div className="ax-options">
          <MatcherField tab={props} param="start" name="start" label="Start event" matcher={r.start} />
          <MatcherField tab={props} param="return" name="return" label="Return event" matcher={r.returnEvent} anyLabel="Any event" />
          <Field label="Period">
            <Segmented name="period" value={r.period} options={PERIODS.map((p) => [p, p] as const)} onChange={(v) => props.set({ period: v === 'week' ? undefined : v })} />
          </Field>
          <Field label="Periods">
            <input type="number" name="periods" min={1} max={52} value={r.periods} onChange={(e) => props.set({ periods: Math.min(52, Math.max(1, Math.floor(Number(e.target.value) || 1))) })} />
          </Field>
          <Field label="Mode">
            <select name="mode" value={r.mode} onChange={(e) => props.set({ mode: e.target.value === 'on' ? undefined : e.target.value })}>
              <option value="on">returned in that period</option>
              <option value="on_or_after">returned in it or later</option>
            </select>
          </Field>
          <Field label="Cohorts">
            <select name="cohort" value={r.cohort} onChange={(e) => props.set({ cohort: e.target.value === 'first_time' ? undefined : e.target.value })}>
              <option value="first_time">first time</option>
              <option value="recurring">every period with the event</option>
            </select>
          </Field>
        </div>
      }
    >
      <AnalysisResult
        run={run}
        asked={body !== undefined}
        missing={<Empty title="Pick a start event">Users doing it form cohorts by period; the table shows how many come back.</Empty>}
        title="Cohorts"
        isEmpty={(data) => data.cohorts.length === 0}
        empty={<Empty title="No cohorts">Nobody did the start event in the range.</Empty>}
      >
        {(data) => <CohortTable cohorts={data.cohorts} period={r.period} periods={Math.max(...data.cohorts.map((c) => c.retained.length)) - 1} />}
      </AnalysisResult>
    </TabFrame>
  );
}
