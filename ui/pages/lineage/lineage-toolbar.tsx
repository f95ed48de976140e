/** The Lineage page's controls: search to focus (with `2+name+1` syntax), levels up and down, tests shown or folded. */
import { useState, type FormEvent } from 'react';
import { ALL_LEVELS, parseFocusQuery } from './focus-query';
import type { LineageSettings } from './lineage-data';


const LEVELS = [0, 1, 2, 3, 5, 10, ALL_LEVELS];

function LevelSelect(props: { label: string; value: number; onChange(v: number): void; name: string }) {
  return (
    <label className="ln-level">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} name={props.name} aria-label={`${props.label} levels`}>
        {[...new Set([...LEVELS, props.value])].sort((a, b) => a - b).map((n) => (
          <option key={n} value={n}>
            {n === ALL_LEVELS ? 'all' : n}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LineageToolbar(props: { settings: LineageSettings; keys: readonly string[]; onChange(next: LineageSettings): void }) {
  const { settings, keys, onChange } = props;
  const [text, setText] = useState(settings.focus ?? '');
  const [miss, setMiss] = useState(false);
  // The suggestions (every asset key) are only put in the page once the box is used: a 1,000-model project has thousands.
  const [suggest, setSuggest] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = parseFocusQuery(text, keys);
    setMiss(q === undefined);
    if (!q) return;
    setText(q.key);
    onChange({ ...settings, focus: q.key, up: q.up ?? settings.up, down: q.down ?? settings.down });
  };

  return (
    <div className="toolbar ln-toolbar">
      <form className="ln-search" onSubmit={submit} role="search">
        <input
          type="search"
          className={miss ? 'ln-miss' : undefined}
          placeholder="Focus on an asset: name, key or 2+name+1"
          value={text}
          list="ln-keys"
          onFocus={() => setSuggest(true)}
          onChange={(e) => {
            setText(e.target.value);
            setMiss(false);
          }}
          aria-label="Focus on an asset"
          aria-invalid={miss}
        />
        {suggest && (
          <datalist id="ln-keys">
            {keys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        )}
        <button type="submit" className="btn">
          Focus
        </button>
      </form>
      {miss && <span className="ln-miss-text small">No asset matches “{text}”.</span>}
      {settings.focus !== undefined && (
        <div className="ln-focus-controls">
          <LevelSelect label="Upstream" name="up" value={settings.up} onChange={(up) => onChange({ ...settings, up })} />
          <LevelSelect label="Downstream" name="down" value={settings.down} onChange={(down) => onChange({ ...settings, down })} />
          <button
            type="button"
            className="btn ghost"
            onClick={() => {
              setText('');
              onChange({ ...settings, focus: undefined });
            }}
          >
            Show everything
          </button>
        </div>
      )}
      <label className="ln-toggle">
        <input type="checkbox" checked={settings.tests} onChange={(e) => onChange({ ...settings, tests: e.target.checked })} name="tests" />
        Show tests
      </label>
    </div>
  );
}
