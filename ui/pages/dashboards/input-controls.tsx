/**
 * The page's input controls: a date range (two dates and presets), a
 * dropdown of its options (with "All" when allowed), a text box that
 * applies after a pause in typing. Each reports a URL value to `onChange`.
 */
import { useEffect, useRef, useState } from 'react';
import type { DashboardRunJson, InputBlock } from './dashboard-json';
import { ALL_OPTION, ALL_RANGE, rangeParam } from './url-inputs';

type Resolved = DashboardRunJson['inputs'][number];

const PRESETS: Array<[string, string]> = [
  ['last_7_days', '7 days'],
  ['last_30_days', '30 days'],
  ['last_90_days', '90 days'],
  ['all', 'All'],
];

/** How long typing must pause before a text input applies. */
export const TEXT_DEBOUNCE_MS = 400;

function DateRange(props: { input: InputBlock; value: Resolved['value']; raw: string | undefined; onChange(v: string): void }) {
  const range = typeof props.value === 'object' && props.value !== null ? props.value : undefined;
  const all = range?.start === ALL_RANGE.start && range.end === ALL_RANGE.end;
  const start = range && !all ? range.start : '';
  const end = range && !all ? range.end : '';
  const set = (s: string, e: string) => {
    if (s && e) props.onChange(rangeParam(s, e));
  };
  return (
    <div className="db-range">
      <input type="date" name={`${props.input.name}-start`} aria-label={`${props.input.label ?? props.input.name} from`} value={start} max={end || undefined} onChange={(e) => set(e.target.value, end || e.target.value)} />
      <span className="muted">–</span>
      <input type="date" name={`${props.input.name}-end`} aria-label={`${props.input.label ?? props.input.name} to`} value={end} min={start || undefined} onChange={(e) => set(start || e.target.value, e.target.value)} />
      <div className="segmented" role="group" aria-label="Presets">
        {PRESETS.map(([value, label]) => (
          <button key={value} type="button" aria-selected={props.raw === value || (value === 'all' && all)} onClick={() => props.onChange(value)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

function Dropdown(props: { input: InputBlock; value: Resolved['value']; options: string[]; onChange(v: string): void }) {
  const current = props.value === null ? ALL_OPTION : String(props.value);
  return (
    <select name={props.input.name} value={current} onChange={(e) => props.onChange(e.target.value)}>
      {props.input.allowAll && <option value={ALL_OPTION}>All</option>}
      {props.options.filter((o) => o !== ALL_OPTION).map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function Text(props: { input: InputBlock; value: Resolved['value']; onChange(v: string): void }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const change = useRef(props.onChange);
  change.current = props.onChange;
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <input
      type="search"
      name={props.input.name}
      value={text}
      maxLength={1000}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => change.current(v), TEXT_DEBOUNCE_MS);
      }}
    />
  );
}

export function InputControls(props: { inputs: InputBlock[]; resolved: Resolved[] | undefined; raw: Record<string, string>; onChange(name: string, value: string): void }) {
  if (props.inputs.length === 0) return null;
  return (
    <div className="card db-inputs" role="group" aria-label="Inputs">
      {props.inputs.map((input) => {
        const resolved = props.resolved?.find((r) => r.name === input.name);
        const onChange = (v: string) => props.onChange(input.name, v);
        return (
          <div key={input.name} className="db-input" data-input={input.name}>
            <span className="small muted">{input.label ?? input.name}</span>
            {!resolved ? (
              <span className="muted small">…</span>
            ) : input.type === 'date_range' ? (
              <DateRange input={input} value={resolved.value} raw={props.raw[input.name] ?? (typeof input.default === 'string' ? input.default : undefined)} onChange={onChange} />
            ) : input.type === 'dropdown' ? (
              <Dropdown input={input} value={resolved.value} options={resolved.options ?? []} onChange={onChange} />
            ) : (
              <Text input={input} value={resolved.value} onChange={onChange} />
            )}
          </div>
        );
      })}
    </div>
  );
}
