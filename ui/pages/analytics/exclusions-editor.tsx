/**
 * A funnel's exclusion steps: "exclude <event> between step A and step B"
 * rows (A < B), added and removed; attempts with the event in between do not
 * count. Only ordered funnels take them (the API refuses them for `any`):
 * in any order they stay in the URL, greyed out, and are not sent.
 */
import { EventSelect } from './explorer-controls';
import { exclusionParam, type Exclusion } from './explorer-state';
import type { TabProps } from './tab-props';

function StepSelect(props: { name: string; label: string; value: number; from: number; to: number; disabled: boolean; onChange(step: number): void }) {
  const steps = Array.from({ length: props.to - props.from + 1 }, (_, i) => props.from + i);
  return (
    <select name={props.name} aria-label={props.label} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(Number(e.target.value))}>
      {!steps.includes(props.value) && <option value={props.value}>{props.value}</option>}
      {steps.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </select>
  );
}

export function ExclusionsEditor(props: TabProps) {
  const f = props.state.funnel;
  const n = f.steps.length;
  if (n < 2) return null;
  const ordered = f.order !== 'any';
  const setList = (next: Exclusion[]) => props.set({ exclude: next.map(exclusionParam) });
  const edit = (i: number, change: Partial<Exclusion>) => setList(f.exclusions.map((x, j) => (j === i ? { ...x, ...change } : x)));
  const add = () => {
    const event = props.overview.events.find((e) => !f.steps.some((s) => s.event === e.name))?.name ?? props.overview.events[0]?.name;
    if (event) setList([...f.exclusions, { event, fromStep: 1, toStep: n }]);
  };
  return (
    <div className={`ax-exclusions${ordered ? '' : ' is-off'}`} data-exclusions={ordered ? 'on' : 'off'}>
      {f.exclusions.map((x, i) => (
        <div key={`${i}:${exclusionParam(x)}`} className="ax-exclusion" data-exclusion={exclusionParam(x)}>
          <span className="muted small">Exclude</span>
          <EventSelect name={`exclude-${i + 1}`} label={`Excluded event ${i + 1}`} value={x.event} events={props.overview.events} onChange={(event) => event && edit(i, { event })} />
          <span className="muted small">between step</span>
          <StepSelect name={`exclude-${i + 1}-from`} label={`Exclusion ${i + 1} from step`} value={x.fromStep} from={1} to={n - 1} disabled={!ordered} onChange={(fromStep) => edit(i, { fromStep, toStep: Math.max(x.toStep, fromStep + 1) })} />
          <span className="muted small">and</span>
          <StepSelect name={`exclude-${i + 1}-to`} label={`Exclusion ${i + 1} to step`} value={x.toStep} from={x.fromStep + 1} to={n} disabled={!ordered} onChange={(toStep) => edit(i, { toStep })} />
          <button type="button" className="btn ghost" aria-label={`Remove exclusion ${i + 1}`} onClick={() => setList(f.exclusions.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      {ordered ? (
        <button type="button" className="btn ghost ax-add-exclusion" onClick={add}>
          + Exclude an event between steps
        </button>
      ) : (
        f.exclusions.length > 0 && <span className="muted small">Exclusions need an ordered funnel: not applied in any order.</span>
      )}
    </div>
  );
}
