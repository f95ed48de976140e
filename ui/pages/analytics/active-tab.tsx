/**
 * Active users: DAU, WAU and MAU for every day of the range as lines
 * (optionally only one event, with property filters, counts as activity), and stickiness: users by
 * the number of days they were active per week or month, summed over the
 * range as bars and per period in a table.
 */
import { useMemo } from 'react';
import type { ActiveUsersJson, StickinessPeriod } from '../../../src/server/analytics/analytics-json';
import { Empty } from '../../components/states';
import { count } from '../../format';
import { activeUsersOption, stickinessOption } from './explorer-charts';
import { percent } from './explorer-format';
import { AnalysisResult, Field, Segmented, TabFrame } from './explorer-controls';
import { activeRequest } from './explorer-state';
import { MatcherField } from './filters-editor';
import type { TabProps } from './tab-props';
import { OptionChart } from './option-chart';
import { useAnalysis } from './use-analysis';

/** The "at least n days" columns: every day of a week; a few landmarks of a month. */
const AT_LEAST = { week: [1, 2, 3, 4, 5, 6, 7], month: [1, 2, 5, 10, 15, 20] } as const;

function StickinessTable(props: { periods: readonly StickinessPeriod[]; period: 'week' | 'month' }) {
  const columns = AT_LEAST[props.period];
  return (
    <div className="table-wrap">
      <table className="table compact ax-stickiness">
        <thead>
          <tr>
            <th>{props.period === 'week' ? 'Week of' : 'Month'}</th>
            <th className="num">Days in range</th>
            {columns.map((n) => (
              <th key={n} className="num">
                ≥ {n} {n === 1 ? 'day' : 'days'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.periods.map((p) => {
            const active = p.atLeast[0] ?? 0;
            return (
              <tr key={p.period} data-period={p.period}>
                <td className="mono">{p.period}</td>
                <td className="num">{p.days}</td>
                {columns.map((n) => {
                  const users = p.atLeast[n - 1];
                  return (
                    <td key={n} className="num">
                      {users === undefined ? '' : n === 1 ? count(users) : `${count(users)} (${percent(active > 0 ? users / active : null, 0)})`}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ActiveTab(props: TabProps) {
  const a = props.state.active;
  const run = useAnalysis<ActiveUsersJson>('active', activeRequest(props.state));
  const lines = useMemo(() => (run.data ? activeUsersOption(run.data.days, props.dark) : undefined), [run.data, props.dark]);
  const bars = useMemo(() => (run.data ? stickinessOption(run.data.stickiness, props.dark) : undefined), [run.data, props.dark]);
  const last = run.data?.days[run.data.days.length - 1];
  return (
    <TabFrame
      name="active"
      controls={
        <div className="ax-options">
          <MatcherField tab={props} param="active_event" name="active-event" label="Activity event" matcher={a.event} anyLabel="Any event" />
          <Field label="Stickiness per">
            <Segmented name="stickiness" value={a.stickiness} options={[['week', 'week'], ['month', 'month']] as const} onChange={(v) => props.set({ stickiness: v === 'week' ? undefined : v })} />
          </Field>
        </div>
      }
    >
      <AnalysisResult run={run} asked title="Active users" isEmpty={(data) => data.days.length === 0} empty={<Empty title="No activity">There are no events in the range.</Empty>}>
        {(data) => (
          <>
            {last && (
              <div className="ax-summaries">
                {(['dau', 'wau', 'mau'] as const).map((m) => (
                  <div key={m} className="ax-summary card" data-metric={m}>
                    <div className="muted small">
                      {m.toUpperCase()} on {last.day}
                    </div>
                    <div className="ax-big">{count(last[m])}</div>
                  </div>
                ))}
                <div className="ax-summary card" data-metric="dau-mau">
                  <div className="muted small">DAU / MAU on {last.day}</div>
                  <div className="ax-big">{percent(last.mau > 0 ? last.dau / last.mau : null)}</div>
                </div>
              </div>
            )}
            <div className="card">{lines && <OptionChart option={lines} name="active-users" label="Daily, weekly and monthly active users" />}</div>
            <h2 className="ax-subhead">Stickiness: days active per {data.stickiness_period}</h2>
            <div className="card">{bars && <OptionChart option={bars} name="stickiness" label={`Users by days active per ${data.stickiness_period}`} height={240} />}</div>
            <StickinessTable periods={data.stickiness} period={data.stickiness_period} />
          </>
        )}
      </AnalysisResult>
    </TabFrame>
  );
}
