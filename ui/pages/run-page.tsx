/**
 * One run: status, job, trigger, timing; rerun and cancel; the per-asset
 * timeline; per-asset results with errors; and the event log. Refreshes
 * every second and a half while the run is queued or running.
 */
import { useState } from 'react';
import { api } from '../api/client';
import type { RunDetailJson, RunEventJson } from '../api/types';
import { KindBadge, StatusBadge } from '../components/badges';
import { assetPath, Link, runPath } from '../components/link';
import { PageHeader } from '../components/page-header';
import { Empty, Loaded } from '../components/states';
import { count, dateTime, durationBetween } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { Gantt } from './gantt';

const active = (r: RunDetailJson) => r.status === 'queued' || r.status === 'running';

function Actions(props: { run: RunDetailJson; reload(): void }) {
  const { run } = props;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const act = async (what: 'rerun' | 'cancel' | 'again') => {
    setBusy(true);
    setMessage(undefined);
    try {
      const id = encodeURIComponent(run.id);
      const res =
        what === 'again'
          ? await api<{ run_id: string }>('/api/runs', { body: run.job ? { job: run.job } : { select: run.selector } })
          : await api<{ run_id: string }>(`/api/runs/${id}/${what}`, { method: 'POST' });
      if (what === 'cancel') props.reload();
      else navigate(runPath(res.run_id));
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions">
      {message && <span className="inline-error">{message}</span>}
      {active(run) && (
        <button type="button" className="btn danger" disabled={busy} onClick={() => void act('cancel')}>
          Cancel run
        </button>
      )}
      {!active(run) && run.status !== 'succeeded' && (
        <button type="button" className="btn primary" disabled={busy} onClick={() => void act('rerun')} title="Runs again what failed or was skipped">
          Rerun failed
        </button>
      )}
      {!active(run) && (
        <button type="button" className="btn" disabled={busy} onClick={() => void act('again')} title="Starts the same job or selection again">
          Run again
        </button>
      )}
    </div>
  );
}

function Events(props: { runId: string; running: boolean }) {
  const state = useApi<RunEventJson[]>(`/api/runs/${encodeURIComponent(props.runId)}/events?limit=2000`, { pollMs: 1500, poll: () => props.running });
  const [level, setLevel] = useState<'all' | 'warn'>('all');
  return (
    <section className="section">
      <div className="section-head">
        <h2>Events and logs</h2>
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={level === 'all'} onClick={() => setLevel('all')}>
            All
          </button>
          <button type="button" role="tab" aria-selected={level === 'warn'} onClick={() => setLevel('warn')}>
            Warnings and errors
          </button>
        </div>
      </div>
      <Loaded state={state} what="events">
        {(events) => {
          const shown = level === 'all' ? events : events.filter((e) => e.level === 'warn' || e.level === 'error');
          return shown.length === 0 ? (
            <Empty title="No events" />
          ) : (
            <div className="log" data-testid="events">
              {shown.map((e) => (
                <div key={e.seq} className={`log-line level-${e.level}`}>
                  <time className="mono">{new Date(e.at).toLocaleTimeString()}</time>
                  <span className={`level level-${e.level}`}>{e.level}</span>
                  <span className="mono asset">{e.asset ?? ''}</span>
                  <span className="message">{e.message}</span>
                </div>
              ))}
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

function RunView(props: { run: RunDetailJson; reload(): void }) {
  const { run } = props;
  const failed = run.assets.filter((a) => a.error);
  return (
    <>
      <PageHeader
        eyebrow={<StatusBadge status={run.status} />}
        title={
          <>
            {run.job ?? 'Ad-hoc run'} <span className="muted mono small">{run.id.slice(0, 8)}</span>
          </>
        }
        subtitle={
          <>
            {run.trigger} · started {dateTime(run.started_at ?? run.created_at)} · {durationBetween(run.started_at, run.finished_at)}
            {run.selector.length > 0 && (
              <>
                {' '}
                · <span className="mono">{run.selector.join(' ')}</span>
              </>
            )}
          </>
        }
        actions={<Actions run={run} reload={props.reload} />}
      />
      {run.error && <div className="banner error">{run.error.message}</div>}
      <section className="section card">
        <h2>Timeline</h2>
        <Gantt assets={run.assets} runStart={run.started_at} runEnd={run.finished_at} now={Date.now()} />
      </section>
      {failed.length > 0 && (
        <section className="section">
          <h2>Errors</h2>
          {failed.map((a) => (
            <div className="banner error" key={a.asset}>
              <Link to={assetPath(a.asset)} className="mono strong">
                {a.asset}
              </Link>
              : {a.error!.message}
            </div>
          ))}
        </section>
      )}
      <section className="section">
        <h2>
          Assets <span className="count">{run.assets.length}</span>
        </h2>
        {run.assets.length === 0 ? (
          <Empty title="No assets planned yet" />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Status</th>
                <th>Asset</th>
                <th>Kind</th>
                <th>Duration</th>
                <th className="num">Attempts</th>
                <th className="num">Rows</th>
              </tr>
            </thead>
            <tbody>
              {run.assets.map((a) => (
                <tr key={a.asset}>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td className="mono">
                    <Link to={assetPath(a.asset)}>{a.asset}</Link>
                  </td>
                  <td>
                    <KindBadge kind={a.kind} />
                  </td>
                  <td>{durationBetween(a.started_at, a.finished_at)}</td>
                  <td className="num">{a.attempts}</td>
                  <td className="num">{count(a.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Events runId={run.id} running={active(run)} />
    </>
  );
}

export function RunPage(props: { params: Record<string, string> }) {
  const id = props.params['id'] ?? '';
  const state = useApi<RunDetailJson>(`/api/runs/${encodeURIComponent(id)}`, { pollMs: 1500, poll: active });
  return (
    <div className="page">
      <nav className="crumbs">
        <Link to="/runs">Runs</Link> / <span className="mono">{id.slice(0, 8)}</span>
      </nav>
      <Loaded state={state} what="the run">
        {(run) => <RunView run={run} reload={state.reload} />}
      </Loaded>
    </div>
  );
}
