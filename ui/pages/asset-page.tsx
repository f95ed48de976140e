/**
 * One asset: what it is (kind, description, owner, audience, relation, rows,
 * freshness), its columns with types, descriptions and tests, its upstream
 * and downstream, its SQL (compiled and as written), a connection's streams,
 * and its results in recent runs.
 */
import { useState } from 'react';
import type { AssetDetailJson, TestJson } from '../api/types';
import { FreshnessBadge, KindBadge, StatusBadge } from '../components/badges';
import { assetPath, Link, runPath } from '../components/link';
import { PageHeader } from '../components/page-header';
import { StreamLoadCells } from '../components/stream-load-cells';
import { Empty, Loaded } from '../components/states';
import { count, dateTime, durationBetween, relativeTime } from '../format';
import { useApi } from '../use-api';

function TestList(props: { tests: TestJson[] }) {
  if (props.tests.length === 0) return <span className="muted">–</span>;
  return (
    <div className="tests">
      {props.tests.map((t) => (
        <Link key={t.key} to={assetPath(t.key)} title={t.key}>
          <StatusBadge status={t.last?.status ?? 'pending'} label={t.name} title={t.last ? `${t.last.status} ${relativeTime(t.last.finished_at)}` : 'not run yet'} />
        </Link>
      ))}
    </div>
  );
}

function KeyList(props: { keys: string[]; empty: string }) {
  if (props.keys.length === 0) return <p className="muted small">{props.empty}</p>;
  return (
    <ul className="key-list">
      {props.keys.map((k) => (
        <li key={k}>
          <KindBadge kind={k.slice(0, k.indexOf(':'))} /> <Link to={assetPath(k)}>{k.slice(k.indexOf(':') + 1)}</Link>
        </li>
      ))}
    </ul>
  );
}

function SqlPanel(props: { a: AssetDetailJson }) {
  const { a } = props;
  const [which, setWhich] = useState<'compiled' | 'raw'>('compiled');
  if (a.raw_sql === null && a.compiled_sql === null && a.compile_error === null) return null;
  const shown = which === 'compiled' ? a.compiled_sql : a.raw_sql;
  return (
    <section className="section">
      <div className="section-head">
        <h2>SQL</h2>
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={which === 'compiled'} onClick={() => setWhich('compiled')}>
            Compiled
          </button>
          <button type="button" role="tab" aria-selected={which === 'raw'} onClick={() => setWhich('raw')}>
            Source
          </button>
        </div>
      </div>
      {which === 'compiled' && a.compile_error !== null ? (
        <div className="banner error">Did not compile: {a.compile_error}</div>
      ) : (
        <pre className="code" data-testid={`sql-${which}`}>
          {shown?.replace(/^\s*\n/, '') ?? '–'}
        </pre>
      )}
    </section>
  );
}

function AssetView(props: { a: AssetDetailJson }) {
  const { a } = props;
  return (
    <>
      <PageHeader
        eyebrow={<KindBadge kind={a.kind} />}
        title={a.name}
        subtitle={a.description || <span className="muted">No description</span>}
        actions={a.last ? <StatusBadge status={a.last.status} label={`last run ${a.last.status} ${relativeTime(a.last.finished_at)}`} /> : <StatusBadge status="pending" label="never run" />}
      />
      <dl className="facts wide card">
        <div>
          <dt>Key</dt>
          <dd className="mono">{a.key}</dd>
        </div>
        <div>
          <dt>Relation</dt>
          <dd className="mono">{a.relation ?? '–'}</dd>
        </div>
        <div>
          <dt>Materialized</dt>
          <dd>{a.materialized ?? '–'}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{count(a.row_count)}</dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{a.audiences.join(', ') || '–'}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{a.owner ?? '–'}</dd>
        </div>
        <div>
          <dt>Freshness</dt>
          <dd>
            <FreshnessBadge freshness={a.freshness} />
          </dd>
        </div>
        <div>
          <dt>File</dt>
          <dd className="mono">{a.file}</dd>
        </div>
        {a.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd className="tags">
              {a.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {a.last?.error && <div className="banner error">Last error: {a.last.error}</div>}

      {a.connection && (
        <section className="section">
          <h2>Streams</h2>
          {a.connection.notes && <p className="notes">{a.connection.notes}</p>}
          {a.connection.streams.length === 0 ? (
            <Empty title="No streams loaded yet" />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Stream</th>
                  <th>Table</th>
                  <th className="num">Rows</th>
                  <th>Last load</th>
                  <th>Freshness</th>
                </tr>
              </thead>
              <tbody>
                {a.connection.streams.map((s) => (
                  <tr key={s.name}>
                    <td>{s.asset_key ? <Link to={assetPath(s.asset_key)}>{s.name}</Link> : s.name}</td>
                    <td className="mono">{s.table}</td>
                    <StreamLoadCells stream={s} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {a.kind !== 'connection' && a.kind !== 'test' && (
        <section className="section">
          <h2>
            Columns <span className="count">{a.columns.length}</span>
          </h2>
          {a.columns.length === 0 ? (
            <Empty title="No columns known">Columns appear once the relation is built, or when they are documented in a property file.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="columns">
                <thead>
                  <tr>
                    <th>Column</th>
                    <th>Type</th>
                    <th>Description</th>
                    <th>Tests</th>
                  </tr>
                </thead>
                <tbody>
                  {a.columns.map((c) => (
                    <tr key={c.name}>
                      <td className="mono strong">{c.name}</td>
                      <td className="mono muted">{c.type ?? '–'}</td>
                      <td>{c.description || <span className="muted">–</span>}</td>
                      <td>
                        <TestList tests={c.tests} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {a.tests.length > 0 && (
            <p className="small">
              Tests on the whole {a.kind}: <TestList tests={a.tests} />
            </p>
          )}
        </section>
      )}

      <div className="two-col">
        <section className="section card">
          <h2>Upstream</h2>
          <KeyList keys={a.upstream} empty="Nothing: this is where data enters." />
        </section>
        <section className="section card">
          <h2>Downstream</h2>
          <KeyList keys={a.downstream} empty="Nothing reads it yet." />
        </section>
      </div>

      <SqlPanel a={a} />

      <section className="section">
        <h2>Recent runs</h2>
        {a.recent_runs.length === 0 ? (
          <Empty title="Not run yet">Runs that include this asset appear here.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Status</th>
                <th>Run</th>
                <th>Job</th>
                <th>Trigger</th>
                <th>Started</th>
                <th>Duration</th>
                <th className="num">Rows</th>
              </tr>
            </thead>
            <tbody>
              {a.recent_runs.map((r) => (
                <tr key={r.run_id}>
                  <td>
                    <StatusBadge status={r.status} title={r.error ?? undefined} />
                  </td>
                  <td className="mono">
                    <Link to={runPath(r.run_id)}>{r.run_id.slice(0, 8)}</Link>
                  </td>
                  <td>{r.job ?? <span className="muted">ad hoc</span>}</td>
                  <td>{r.trigger}</td>
                  <td title={dateTime(r.started_at)}>{relativeTime(r.started_at)}</td>
                  <td>{durationBetween(r.started_at, r.finished_at)}</td>
                  <td className="num">{count(r.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export function AssetPage(props: { params: Record<string, string> }) {
  const key = props.params['key'] ?? '';
  const state = useApi<AssetDetailJson>(`/api/catalog/assets/${encodeURIComponent(key)}`);
  return (
    <div className="page">
      <nav className="crumbs">
        <Link to="/catalog">Catalog</Link> / <span className="mono">{key}</span>
      </nav>
      <Loaded state={state} what={key}>
        {(a) => <AssetView a={a} />}
      </Loaded>
    </div>
  );
}
