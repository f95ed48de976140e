/** Jobs: each job's selection, schedule, next run time and last run, and a "Run now" button that starts it and links to its run. */
import { useState } from 'react';
import { api } from '../api/client';
import type { JobJson, RunJson } from '../api/types';
import { StatusBadge } from '../components/badges';
import { Link, runPath } from '../components/link';
import { PageHeader } from '../components/page-header';
import { Empty, Loaded } from '../components/states';
import { dateTime, relativeTime } from '../format';
import { useApi } from '../use-api';

function RunNow(props: { job: string }) {
  const [state, setState] = useState<{ busy: boolean; runId?: string; error?: string }>({ busy: false });
  const start = async () => {
    setState({ busy: true });
    try {
      const res = await api<{ run_id: string }>(`/api/jobs/${encodeURIComponent(props.job)}/run`, { method: 'POST' });
      setState({ busy: false, runId: res.run_id });
    } catch (err) {
      setState({ busy: false, error: (err as Error).message });
    }
  };
  return (
    <div className="run-now">
      <button type="button" className="btn primary" disabled={state.busy} onClick={() => void start()} data-job={props.job}>
        {state.busy ? 'Starting…' : 'Run now'}
      </button>
      {state.runId && (
        <Link to={runPath(state.runId)} className="small">
          Started run {state.runId.slice(0, 8)} →
        </Link>
      )}
      {state.error && <span className="inline-error">{state.error}</span>}
    </div>
  );
}

/** The latest run of each job among the recent runs. */
function latestByJob(runs: RunJson[] | undefined): Map<string, RunJson> {
  const latest = new Map<string, RunJson>();
  for (const r of runs ?? []) if (r.job && !latest.has(r.job)) latest.set(r.job, r);
  return latest;
}

function LastRun(props: { run: RunJson | undefined }) {
  const { run } = props;
  if (!run) return <span className="muted">never</span>;
  return (
    <Link to={runPath(run.id)}>
      <StatusBadge status={run.status} label={`${run.status} ${relativeTime(run.finished_at ?? run.created_at)}`} />
    </Link>
  );
}

export function JobsPage() {
  const state = useApi<JobJson[]>('/api/jobs', { pollMs: 30_000 });
  const recent = useApi<{ runs: RunJson[] }>('/api/runs?limit=200', { pollMs: 5000 });
  const latest = latestByJob(recent.data?.runs);
  return (
    <div className="page">
      <PageHeader title="Jobs" subtitle="Named selections of assets, on a schedule or on demand (basin.yml jobs:, sources' schedule:)." />
      <Loaded state={state} what="jobs">
        {(jobs) =>
          jobs.length === 0 ? (
            <Empty title="No jobs">Add jobs: to basin.yml (a selection and a cron schedule) to run things on a schedule.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="jobs">
                <thead>
                  <tr>
                    <th>Job</th>
                    <th>Selection</th>
                    <th>Schedule</th>
                    <th>Next run</th>
                    <th>Last run</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((j) => (
                    <tr key={j.name} data-job-row={j.name}>
                      <td>
                        <span className="strong">{j.name}</span>
                        {!j.enabled && <StatusBadge status="canceled" label="disabled" />}
                      </td>
                      <td className="mono small">
                        {j.select.join(' ')}
                        {j.exclude.length > 0 && <span className="muted"> --exclude {j.exclude.join(' ')}</span>}
                      </td>
                      <td className="mono">
                        {j.schedule ?? <span className="muted">on demand</span>}
                        {j.schedule && <span className="muted small"> {j.timezone}</span>}
                      </td>
                      <td title={dateTime(j.next_run_at)}>{j.next_run_at ? relativeTime(j.next_run_at) : <span className="muted">–</span>}</td>
                      <td>
                        <LastRun run={latest.get(j.name)} />
                      </td>
                      <td className="right">
                        <RunNow job={j.name} />
                      </td>
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
