/**
 * Funnel: 2 to 20 steps picked from the event list (add, remove, move), each
 * narrowed by property filters if asked, exclusion steps (ordered funnels),
 * the conversion window, the order mode, an optional breakdown (a property or
 * a column) with its attribution → users per step as bars (one series per breakdown value)
 * labelled with the conversion from step 1, the time to convert, and a table.
 */
import { useMemo } from 'react';
import type { FunnelGroupResult, FunnelJson } from '../../../src/server/analytics/analytics-json';
import { Empty } from '../../components/states';
import { count, formatDuration } from '../../format';
import { funnelOption, groupLabel } from './explorer-charts';
import { matcherLabel, percent } from './explorer-format';
import { AnalysisResult, EventSelect, Field, TabFrame } from './explorer-controls';
import type { Matcher } from './explorer-filters';
import { breakdownColumns, funnelRequest, MAX_STEPS, moveStep, ORDERS, stepsChanges, WINDOW_UNITS } from './explorer-state';
import { ExclusionsEditor } from './exclusions-editor';
import { FiltersEditor } from './filters-editor';
import type { TabProps } from './tab-props';
import { OptionChart } from './option-chart';
import { useAnalysis } from './use-analysis';

const seconds = (s: number | null) => (s === null ? '–' : formatDuration(s * 1000));

function StepsEditor(props: TabProps) {
  const f = props.state.funnel;
  const { steps } = f;
  const same = steps.map((_, i) => i);
  /** `next` steps, `origin[j]` the index new step j came from (-1: new): filters, exclusions and an attribution step follow. */
  const setSteps = (next: Matcher[], origin: number[]) => props.set(stepsChanges(f, next, origin));
  const edit = (i: number, change: Partial<Matcher>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s)), same);
  const filterable = props.overview.columns.properties !== null;
  return (
    <div className="ax-steps">
      <ol>
        {steps.map((step, i) => (
          <li key={`${i}:${step.event}`} data-step={i + 1} title={matcherLabel(step)}>
            <span className="ax-step-n">{i + 1}</span>
            <EventSelect name={`step-${i + 1}`} label={`Step ${i + 1}`} value={step.event} events={props.overview.events} onChange={(v) => edit(i, { event: v })} />
            {filterable && <FiltersEditor name={`step${i + 1}`} label={`step ${i + 1}`} filters={step.where} onChange={(where) => edit(i, { where })} />}
            <button type="button" className="btn ghost" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => setSteps(moveStep(steps, i, -1), moveStep(same, i, -1))}>
              ↑
            </button>
            <button type="button" className="btn ghost" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => setSteps(moveStep(steps, i, 1), moveStep(same, i, 1))}>
              ↓
            </button>
            <button type="button" className="btn ghost" aria-label={`Remove step ${i + 1}`} onClick={() => setSteps(steps.filter((_, j) => j !== i), same.filter((j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      {steps.length < MAX_STEPS ? (
        <EventSelect name="add-step" label="Add a step" value="" placeholder="+ Add a step…" events={props.overview.events} onChange={(v) => v && setSteps([...steps, { event: v, where: [] }], [...same, -1])} />
      ) : (
        <span className="muted small">{MAX_STEPS} steps at most.</span>
      )}
      <ExclusionsEditor {...props} />
    </div>
  );
}

function FunnelOptions(props: TabProps) {
  const f = props.state.funnel;
  return (
    <div className="ax-options">
      <Field label="Window">
        <span className="ax-inline">
          <input type="number" name="window" min={1} value={f.windowCount} onChange={(e) => props.set({ window: `${Math.max(1, Math.floor(Number(e.target.value) || 1))}${f.windowUnit}` })} />
          <select name="window-unit" aria-label="Window unit" value={f.windowUnit} onChange={(e) => props.set({ window: `${f.windowCount}${e.target.value}` })}>
            {WINDOW_UNITS.map(([u, label]) => (
              <option key={u} value={u}>
                {label}
              </option>
            ))}
          </select>
        </span>
      </Field>
      <Field label="Order">
        <select name="order" value={f.order} onChange={(e) => props.set({ order: e.target.value === 'sequential' ? undefined : e.target.value })}>
          {ORDERS.map((o) => (
            <option key={o} value={o}>
              {{ sequential: 'in order', strict: 'strictly in order', any: 'any order' }[o]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Breakdown">
        <BreakdownSelect {...props} />
      </Field>
      {f.breakdown && (
        <Field label="Attribution">
          <select name="attribution" value={f.attribution} onChange={(e) => props.set({ attribution: e.target.value === 'first_touch' ? undefined : e.target.value })}>
            <option value="first_touch">first touch</option>
            <option value="last_touch">last touch</option>
            {f.steps.map((s, i) => (
              <option key={i} value={`step:${i + 1}`}>
                step {i + 1} ({matcherLabel(s)})
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}

/** The breakdown: none, a JSON property (`property:<key>`) or a column of the events relation (`column:<name>`). */
function BreakdownSelect(props: TabProps) {
  const f = props.state.funnel;
  const columns = breakdownColumns(props.overview);
  const choices = { property: props.overview.properties, column: columns };
  const value = f.breakdown ? `${f.breakdownKind}:${f.breakdown}` : '';
  const known = f.breakdown === '' || choices[f.breakdownKind].includes(f.breakdown);
  const pick = (v: string) => {
    const at = v.indexOf(':');
    const [kind, name] = at < 0 ? ['', ''] : [v.slice(0, at), v.slice(at + 1)];
    props.set({ breakdown: kind === 'property' ? name : undefined, breakdown_column: kind === 'column' ? name : undefined, attribution: undefined });
  };
  const group = (kind: 'property' | 'column', label: string) =>
    choices[kind].length > 0 && (
      <optgroup label={label}>
        {choices[kind].map((name) => (
          <option key={name} value={`${kind}:${name}`}>
            {name}
          </option>
        ))}
      </optgroup>
    );
  return (
    <select name="breakdown" value={value} onChange={(e) => pick(e.target.value)}>
      <option value="">None</option>
      {!known && <option value={value}>{f.breakdown}</option>}
      {group('property', 'Properties')}
      {group('column', 'Columns')}
    </select>
  );
}

function Summary(props: { group: FunnelGroupResult; label: string }) {
  const g = props.group;
  const first = g.steps[0]?.users ?? 0;
  return (
    <div className="ax-summary card" data-group={props.label}>
      <div className="muted small">{props.label}</div>
      <div className="ax-big" data-conversion>
        {percent(g.conversionRate)}
      </div>
      <div className="small">
        {count(g.converted)} of {count(first)} converted
      </div>
      <div className="small muted">
        median <span data-median>{seconds(g.medianSecondsToConvert)}</span> · avg <span data-avg>{seconds(g.avgSecondsToConvert)}</span>
      </div>
    </div>
  );
}

function FunnelTable(props: { groups: readonly FunnelGroupResult[]; brokenDown: boolean; labels: readonly string[] }) {
  return (
    <div className="table-wrap">
      <table className="table compact ax-funnel-table">
        <thead>
          <tr>
            {props.brokenDown && <th>Breakdown</th>}
            <th>Step</th>
            <th>Event</th>
            <th className="num">Users</th>
            <th className="num">From step 1</th>
            <th className="num">From previous</th>
            <th className="num">Median time</th>
            <th className="num">Avg time</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.flatMap((g) =>
            g.steps.map((s) => (
              <tr key={`${g.breakdown ?? '∅'}:${s.step}`} data-row={`${groupLabel(g, props.brokenDown)}:${s.step}`}>
                {props.brokenDown && <td>{s.step === 1 ? groupLabel(g, true) : ''}</td>}
                <td className="num">{s.step}</td>
                <td>{props.labels[s.step - 1] ?? s.event}</td>
                <td className="num" data-users>
                  {count(s.users)}
                </td>
                <td className="num">{percent(s.conversionFromFirst)}</td>
                <td className="num">{s.step === 1 ? '' : percent(s.conversionFromPrevious)}</td>
                <td className="num">{s.step === 1 ? '' : seconds(s.medianSecondsFromPrevious)}</td>
                <td className="num">{s.step === 1 ? '' : seconds(s.avgSecondsFromPrevious)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function FunnelTab(props: TabProps) {
  const body = funnelRequest(props.state);
  const run = useAnalysis<FunnelJson>('funnel', body);
  const brokenDown = body?.['breakdown'] !== undefined;
  const labels = props.state.funnel.steps.map(matcherLabel);
  const labelsKey = labels.join('\n'); // the labels' identity changes every render; their text is what matters
  const option = useMemo(() => (run.data ? funnelOption(run.data.groups, brokenDown, props.dark, labels) : undefined), [run.data, brokenDown, props.dark, labelsKey]);
  return (
    <TabFrame
      name="funnel"
      controls={
        <>
          <StepsEditor {...props} />
          <FunnelOptions {...props} />
        </>
      }
    >
      <AnalysisResult
        run={run}
        asked={body !== undefined}
        missing={<Empty title="Pick at least two steps">Add the events users go through, in order; the funnel counts how many reach each step within the window.</Empty>}
        title="Users per step"
        isEmpty={(data) => data.groups.length === 0}
        empty={<Empty title="No users entered this funnel">Nobody did step 1 in the range.</Empty>}
      >
        {(data) => (
          <>
            <div className="ax-summaries">
              {data.groups.slice(0, 6).map((g) => (
                <Summary key={g.breakdown ?? '∅'} group={g} label={groupLabel(g, brokenDown)} />
              ))}
            </div>
            <div className="card">{option && <OptionChart option={option} name="funnel" label="Users per funnel step" />}</div>
            <FunnelTable groups={data.groups} brokenDown={brokenDown} labels={labels} />
          </>
        )}
      </AnalysisResult>
    </TabFrame>
  );
}
