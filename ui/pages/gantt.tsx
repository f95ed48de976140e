/**
 * A run's per-asset timeline: one row per asset, a bar from its start to its
 * finish (to now while running) on a shared time axis, coloured by status.
 */
import type { RunAssetJson } from '../api/types';
import { assetPath, Link } from '../components/link';
import { formatDuration } from '../format';

const TICKS = 5;

export function Gantt(props: { assets: RunAssetJson[]; runStart: string | null; runEnd: string | null; now: number }) {
  const started = props.assets.filter((a) => a.started_at !== null);
  if (started.length === 0) return <p className="muted">No asset has started yet.</p>;
  const start = Math.min(...started.map((a) => Date.parse(a.started_at!)), props.runStart ? Date.parse(props.runStart) : Infinity);
  const endOf = (a: RunAssetJson) => (a.finished_at ? Date.parse(a.finished_at) : props.now);
  const end = Math.max(...started.map(endOf), props.runEnd ? Date.parse(props.runEnd) : 0, start + 1);
  const span = end - start;
  const rows = [...props.assets].sort((x, y) => (x.started_at ?? '\uffff').localeCompare(y.started_at ?? '\uffff'));
  return (
    <div className="gantt" data-testid="gantt" role="img" aria-label="Timeline of the run's assets">
      <div className="gantt-axis">
        <span />
        <div className="gantt-ticks">
          {Array.from({ length: TICKS + 1 }, (_, i) => (
            <span key={i} style={{ left: `${(i / TICKS) * 100}%` }}>
              {formatDuration((span * i) / TICKS)}
            </span>
          ))}
        </div>
      </div>
      {rows.map((a) => {
        const s = a.started_at ? Date.parse(a.started_at) : undefined;
        const left = s === undefined ? 0 : ((s - start) / span) * 100;
        const width = s === undefined ? 0 : Math.max(((endOf(a) - s) / span) * 100, 0.6);
        const took = s === undefined ? 'not started' : formatDuration(endOf(a) - s);
        return (
          <div className="gantt-row" key={a.asset} data-asset={a.asset}>
            <Link to={assetPath(a.asset)} className="gantt-label mono" title={a.asset}>
              {a.asset}
            </Link>
            <div className="gantt-track">
              {s !== undefined && (
                <div className={`gantt-bar status-${a.status}`} style={{ left: `${left}%`, width: `${width}%` }} title={`${a.asset}: ${a.status}, ${took}`}>
                  <span>{took}</span>
                </div>
              )}
              {s === undefined && <span className="gantt-pending">{a.status}</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
