/** What the explorer's tabs share: an event picker, a labelled field, a segmented choice, and the result area (run status, errors, empty states). */
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ErrorState } from '../../components/states';
import { count } from '../../format';
import type { AnalysisState } from './use-analysis';

export interface EventOption {
  name: string;
  count: number;
}

/** A select of the event names (most frequent first, with counts); `anyLabel` adds an "any event" choice (''). */
export function EventSelect(props: { name: string; label: string; value: string; events: readonly EventOption[]; anyLabel?: string; placeholder?: string; onChange(value: string): void }) {
  const known = props.value === '' || props.events.some((e) => e.name === props.value);
  return (
    <select name={props.name} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.anyLabel !== undefined ? <option value="">{props.anyLabel}</option> : props.value === '' && <option value="">{props.placeholder ?? 'Pick an event…'}</option>}
      {!known && <option value={props.value}>{props.value}</option>}
      {props.events.map((e) => (
        <option key={e.name} value={e.name}>
          {e.name} ({count(e.count)})
        </option>
      ))}
    </select>
  );
}

/** A control with its small uppercase label above it. */
export function Field(props: { label: string; children: ReactNode }) {
  return (
    <label className="select ax-field">
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

/** An event picker with its label above it. */
export function EventField(props: Parameters<typeof EventSelect>[0]) {
  return (
    <Field label={props.label}>
      <EventSelect {...props} />
    </Field>
  );
}

/** A segmented choice among `options` ([value, label]). */
export function Segmented<T extends string>(props: { name: string; value: T; options: ReadonlyArray<readonly [T, string]>; onChange(value: T): void }) {
  return (
    <div className="segmented" role="group" aria-label={props.name} data-control={props.name}>
      {props.options.map(([value, label]) => (
        <button key={value} type="button" aria-selected={value === props.value} onClick={() => props.onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/** Why an analysis did not run: a 400 is the request (the message names the field), anything else the server. */
function AnalysisError(props: { error: Error }) {
  if (props.error instanceof ApiError && props.error.status === 400) {
    return (
      <div className="state state-error ax-error" role="alert" data-status="400">
        <strong>This analysis cannot run as asked</strong>
        <p>{props.error.message}</p>
      </div>
    );
  }
  return <ErrorState error={props.error} />;
}

/** "Running…" or how long the last answer took. */
function RunStatus(props: { loading: boolean; ms: number | undefined }) {
  if (props.loading) {
    return (
      <span className="muted small ax-status" role="status">
        <span className="spinner" aria-hidden="true" /> Running…
      </span>
    );
  }
  return props.ms === undefined ? null : <span className="muted small ax-status">{props.ms.toLocaleString('en-US')} ms</span>;
}

/**
 * A tab's result: `missing` while the request is incomplete (`asked` false),
 * the error, or the title with the run status over `children(data)`;
 * `empty` instead when `isEmpty(data)`. The last answer stays (dimmed) while the next loads.
 */
export function AnalysisResult<T>(props: {
  run: AnalysisState<T>;
  asked: boolean;
  missing?: ReactNode;
  title: string;
  isEmpty(data: T): boolean;
  empty: ReactNode;
  children(data: T): ReactNode;
}) {
  const { run } = props;
  if (!props.asked) return <>{props.missing}</>;
  if (run.error) return <AnalysisError error={run.error} />;
  return (
    <div className={`ax-result${run.loading ? ' is-loading' : ''}`}>
      <div className="ax-result-head">
        <h2>{props.title}</h2>
        <RunStatus loading={run.loading} ms={run.ms} />
      </div>
      {run.data !== undefined && (props.isEmpty(run.data) ? props.empty : props.children(run.data))}
    </div>
  );
}

/** A tab: its controls in a card, then its result. */
export function TabFrame(props: { name: string; controls: ReactNode; children: ReactNode }) {
  return (
    <div className="ax-tab" data-tab={props.name}>
      <div className="card ax-controls">{props.controls}</div>
      {props.children}
    </div>
  );
}
