/** Recent queries (from localStorage), newest first; clicking one puts it back in the editor. */
import { count, formatDuration, relativeTime } from '../../format';
import type { HistoryEntry } from './query-history';

export function QueryHistory(props: { history: HistoryEntry[]; onPick(sql: string): void; onClear(): void }) {
  return (
    <div className="wb-panel wb-history">
      <div className="wb-panel-head">
        <strong>History</strong>
        {props.history.length > 0 && (
          <button type="button" className="btn ghost small" onClick={props.onClear}>
            Clear
          </button>
        )}
      </div>
      {props.history.length === 0 ? (
        <div className="wb-panel-note muted">Queries you run appear here.</div>
      ) : (
        <ul className="wb-history-list" aria-label="Query history">
          {props.history.map((h) => (
            <li key={`${h.at}-${h.sql}`}>
              <button type="button" className="wb-history-item" title={h.sql} onClick={() => props.onPick(h.sql)}>
                <code>{h.sql}</code>
                <span className="small muted">
                  <span className={h.ok ? 'wb-dot ok' : 'wb-dot failed'} aria-label={h.ok ? 'succeeded' : 'failed'} /> {relativeTime(h.at)}
                  {h.rows !== undefined ? ` · ${count(h.rows)} rows` : ''}
                  {h.ms !== undefined ? ` · ${formatDuration(h.ms)}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
