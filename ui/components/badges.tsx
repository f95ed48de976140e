/** Small coloured labels: a status (run, asset, test, freshness) and an asset kind. */
import type { FreshnessJson } from '../api/types';

const TONE: Record<string, string> = {
  succeeded: 'ok',
  ok: 'ok',
  pass: 'ok',
  fresh: 'ok',
  warned: 'warn',
  warn: 'warn',
  running: 'info',
  queued: 'muted',
  pending: 'muted',
  failed: 'error',
  error: 'error',
  interrupted: 'error',
  canceled: 'muted',
  skipped: 'muted',
};

export function StatusBadge(props: { status: string; label?: string; title?: string }) {
  const tone = TONE[props.status] ?? 'muted';
  return (
    <span className={`badge badge-${tone}`} title={props.title} data-status={props.status}>
      <span className="dot" aria-hidden="true" />
      {props.label ?? props.status}
    </span>
  );
}

export function KindBadge(props: { kind: string }) {
  return <span className={`kind kind-${props.kind}`}>{props.kind}</span>;
}

/** Freshness as a badge: `fresh`, `stale 30 h`, `never loaded`. */
export function FreshnessBadge(props: { freshness: FreshnessJson | null }) {
  const f = props.freshness;
  if (!f) return <span className="muted">no expectation</span>;
  const age = f.age_hours === null ? '' : ` ${f.age_hours < 1 ? `${Math.round(f.age_hours * 60)} min` : `${Math.round(f.age_hours)} h`}`;
  const label = f.reason === 'never_loaded' ? 'never loaded' : f.reason === 'fresh' ? `fresh${age}` : `${f.reason === 'latest_failed' ? 'failing' : 'stale'}${age}`;
  const limits = [f.warn_after_hours !== null ? `warn after ${f.warn_after_hours} h` : '', f.error_after_hours !== null ? `error after ${f.error_after_hours} h` : '']
    .filter(Boolean)
    .join(', ');
  return <StatusBadge status={f.status} label={label} title={limits} />;
}
