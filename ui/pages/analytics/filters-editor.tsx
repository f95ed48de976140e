/**
 * Property filters of a step or event, compactly: `· plan = pro ×` chips and
 * a `+ where` button opening a small property = value form (property keys
 * suggested from the events overview's sample). Hidden when the events have
 * no properties column.
 */
import { useState } from 'react';
import { EventField } from './explorer-controls';
import { eventChanges } from './explorer-state';
import { filterChanges, withFilter, type Filter, type Matcher } from './explorer-filters';
import type { TabProps } from './tab-props';

const PROPERTY_KEYS = 'ax-property-keys';

/** The sampled property keys every filter form suggests (render once per page). */
export function PropertyKeys(props: { properties: readonly string[] }) {
  return (
    <datalist id={PROPERTY_KEYS}>
      {props.properties.map((p) => (
        <option key={p} value={p} />
      ))}
    </datalist>
  );
}

/** The filters of `label` (a step or event) as removable chips, and the form adding one. */
export function FiltersEditor(props: { name: string; label: string; filters: readonly Filter[]; onChange(next: Filter[]): void }) {
  const [open, setOpen] = useState(false);
  const [property, setProperty] = useState('');
  const [value, setValue] = useState('');
  const close = () => {
    setOpen(false);
    setProperty('');
    setValue('');
  };
  return (
    <span className="ax-filters" data-filters={props.name}>
      {props.filters.map((f) => (
        <span key={f.property} className="chip ax-filter" data-filter={`${f.property}=${f.value}`}>
          · {f.property} = {f.value}
          <button type="button" aria-label={`Remove filter ${f.property} = ${f.value} of ${props.label}`} onClick={() => props.onChange(props.filters.filter((g) => g !== f))}>
            ×
          </button>
        </span>
      ))}
      {open ? (
        <form
          className="ax-filter-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (property.trim() === '' || value === '') return;
            props.onChange(withFilter(props.filters, property.trim(), value));
            close();
          }}
        >
          <input name={`${props.name}-property`} list={PROPERTY_KEYS} aria-label={`Property of the filter of ${props.label}`} placeholder="property" value={property} autoFocus onChange={(e) => setProperty(e.target.value)} />
          <span className="muted">=</span>
          <input name={`${props.name}-value`} aria-label={`Value of the filter of ${props.label}`} placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="btn" disabled={property.trim() === '' || value === ''}>
            Add
          </button>
          <button type="button" className="btn ghost" onClick={close}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="btn ghost ax-add-filter" aria-label={`Add a property filter to ${props.label}`} onClick={() => setOpen(true)}>
          + where
        </button>
      )}
    </span>
  );
}

/** An event picker (URL parameter `param`) with its filters (`param.<property>`); no filters on "any event". */
export function MatcherField(props: { tab: TabProps; param: string; name: string; label: string; matcher: Matcher; anyLabel?: string }) {
  const { tab, param, matcher } = props;
  return (
    <div className="ax-matcher" data-matcher={param}>
      <EventField
        name={props.name}
        label={props.label}
        value={matcher.event}
        events={tab.overview.events}
        {...(props.anyLabel !== undefined ? { anyLabel: props.anyLabel } : {})}
        onChange={(v) => tab.set(eventChanges(param, matcher, v))}
      />
      {tab.overview.columns.properties !== null && matcher.event !== '' && (
        <FiltersEditor name={param} label={props.label} filters={matcher.where} onChange={(next) => tab.set(filterChanges(param, matcher.where, next))} />
      )}
    </div>
  );
}
