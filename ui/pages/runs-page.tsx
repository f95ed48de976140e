/** Runs: newest first, with status, job, trigger, selection, start and duration; refreshed while any is active. */
import type { RunJson } from '../api/types';
import { StatusBadge } from '../components/badges';
import { Link, runPath } from '../components/link';
import { PageHeader } from '../components/page-header';
import { Empty, Loaded } from '../components/states';
import { dateTime, durationBetween, relativeTime } from '../format';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted'];

export function RunsPage() {
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const state = useApi<{ runs: RunJson[] }>(`/api/runs?limit=100${status ? `&status=${status}` : ''}`, { pollMs: 3000 });
  return (
    <div className="page">
      <PageHeader
        title="Runs"
        subtitle="Everything the orchestrator ran: schedules, triggers from the API and the CLI, reruns."
        actions={
          <label className="select">
            <span>Status</span>
            <select name="status" value={status} onChange={(e) => navigate(`/runs${e.target.value ? `?status=${e.target.value}` : ''}`, { replace: true })}>
              <option value="">All</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        }
      />
      <Loaded state={state} what="runs">
        {({ runs }) =>
          runs.length === 0 ? (
            <Empty title={status ? `No ${status} runs` : 'No runs yet'}>Start one from Jobs, or wait for a schedule to fire.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="runs">
                <thead>
                  <tr>
                    <th>Status</th>
                    <th>Run</th>
                    <th>Job</th>
                    <th>Trigger</th>
                    <th>Selection</th>
                    <th>Started</th>
                    <th>Duration</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id} data-run={r.id}>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td className="mono">
                        <Link to={runPath(r.id)} className="strong">
                          {r.id.slice(0, 8)}
                        </Link>
                      </td>
                      <td>{r.job ?? <span className="muted">ad hoc</span>}</td>
                      <td>{r.trigger}</td>
                      <td className="mono small">{r.selector.join(' ') || '–'}</td>
                      <td title={dateTime(r.started_at ?? r.created_at)}>{relativeTime(r.started_at ?? r.created_at)}</td>
                      <td>{durationBetween(r.started_at, r.finished_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </div>
  );
}
