/**
 * The catalog: every source connection (pipeline, raw schema, audience,
 * owner, notes) with its streams, row counts, last load and freshness; then
 * every model, seed, snapshot, source and sync; search and filters kept in
 * the URL so a filtered view can be shared.
 */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { CatalogAssetJson, CatalogJson, ConnectionJson } from '../api/types';
import { KindBadge, StatusBadge } from '../components/badges';
import { assetPath, Link } from '../components/link';
import { PageHeader } from '../components/page-header';
import { StreamLoadCells } from '../components/stream-load-cells';
import { Empty, Loaded } from '../components/states';
import { count, relativeTime } from '../format';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';
import { assetMatches, assetSearchText, connectionMatches, type CatalogFilter } from './catalog-search';

/** Rows rendered at first (and added by "Show more"): a 1,000-model catalog stays quick to open and to search. */
const PAGE_ROWS = 200;

function useFilter(): [CatalogFilter, (patch: Partial<CatalogFilter>) => void] {
  const { query } = useLocation();
  const filter: CatalogFilter = { text: query.get('q') ?? '', kind: query.get('kind') ?? '', audience: query.get('audience') ?? '', tag: query.get('tag') ?? '' };
  const set = (patch: Partial<CatalogFilter>) => {
    const next = { ...filter, ...patch };
    const params = new URLSearchParams();
    if (next.text) params.set('q', next.text);
    if (next.kind) params.set('kind', next.kind);
    if (next.audience) params.set('audience', next.audience);
    if (next.tag) params.set('tag', next.tag);
    const qs = params.toString();
    navigate(`/catalog${qs ? `?${qs}` : ''}`, { replace: true });
  };
  return [filter, set];
}

function Select(props: { label: string; value: string; options: string[]; onChange(v: string): void; name: string }) {
  return (
    <label className="select">
      <span>{props.label}</span>
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">All</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

function ConnectionCard(props: { c: ConnectionJson }) {
  const { c } = props;
  return (
    <article className="card connection" data-connection={c.name}>
      <div className="card-head">
        <div>
          <h3>
            <Link to={assetPath(c.key)}>{c.name}</Link> <span className="muted mono">{c.type}</span>
          </h3>
          <p className="muted">{c.pipeline ?? 'No pipeline described'}</p>
        </div>
        {c.last ? <StatusBadge status={c.last.status} label={`loaded ${relativeTime(c.last.finished_at)}`} /> : <StatusBadge status="pending" label="never loaded" />}
      </div>
      <dl className="facts">
        <div>
          <dt>Raw schema</dt>
          <dd className="mono">{c.schema}</dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{c.audience ? <span className="chip">{c.audience}</span> : '–'}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{c.owner ?? '–'}</dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd className="mono">{c.schedule ?? '–'}</dd>
        </div>
      </dl>
      {c.notes && <p className="notes">{c.notes}</p>}
      {c.streams.length === 0 ? (
        <p className="muted small">No streams loaded yet.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>Stream</th>
              <th className="num">Rows</th>
              <th>Last load</th>
              <th>Freshness</th>
            </tr>
          </thead>
          <tbody>
            {c.streams.map((s) => (
              <tr key={s.name}>
                <td className="mono">{s.asset_key ? <Link to={assetPath(s.asset_key)}>{s.name}</Link> : s.name}</td>
                <StreamLoadCells stream={s} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

/** One row of the assets table (memoized: filtering re-renders only rows that change). */
const AssetRow = memo(function AssetRow(props: { a: CatalogAssetJson }) {
  const { a } = props;
  return (
    <tr data-asset={a.key}>
      <td>
        <Link to={assetPath(a.key)} className="strong">
          {a.name}
        </Link>
        {a.tags.length > 0 && (
          <div className="tags">
            {a.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </div>
        )}
      </td>
      <td>
        <KindBadge kind={a.kind} />
      </td>
      <td className="desc">{a.description || <span className="muted">No description</span>}</td>
      <td>{a.audiences.join(', ') || <span className="muted">–</span>}</td>
      <td className="num">{a.columns.length || '–'}</td>
      <td className="num">{count(a.row_count)}</td>
      <td>{a.last ? <StatusBadge status={a.last.status} label={relativeTime(a.last.finished_at)} /> : <span className="muted">never</span>}</td>
    </tr>
  );
});

function CatalogView(props: { catalog: CatalogJson }) {
  const [filter, setFilter] = useFilter();
  const { catalog } = props;
  // The input follows every keystroke; the tables follow the deferred value, so typing never waits for them.
  const text = useDeferredValue(filter.text);
  const deferred = { ...filter, text };
  const index = useMemo(() => catalog.assets.filter((a) => a.kind !== 'connection').map((a) => ({ a, text: assetSearchText(a) })), [catalog]);
  const connections = useMemo(() => catalog.connections.filter((c) => connectionMatches(c, deferred)), [catalog, text, filter.kind, filter.audience, filter.tag]);
  const assets = useMemo(() => index.filter((e) => assetMatches(e.a, e.text, deferred)).map((e) => e.a), [index, text, filter.kind, filter.audience, filter.tag]);
  const [shown, setShown] = useState(PAGE_ROWS);
  const total = index.length;
  const filtered = filter.text !== '' || filter.kind !== '' || filter.audience !== '' || filter.tag !== '';
  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search names, descriptions, columns…"
          aria-label="Search the catalog"
          value={filter.text}
          onChange={(e) => setFilter({ text: e.target.value })}
          autoFocus
        />
        <Select name="kind" label="Kind" value={filter.kind} options={catalog.facets.kinds} onChange={(kind) => setFilter({ kind })} />
        <Select name="audience" label="Audience" value={filter.audience} options={catalog.facets.audiences} onChange={(audience) => setFilter({ audience })} />
        <Select name="tag" label="Tag" value={filter.tag} options={catalog.facets.tags} onChange={(tag) => setFilter({ tag })} />
        {filtered && (
          <button type="button" className="btn ghost" onClick={() => setFilter({ text: '', kind: '', audience: '', tag: '' })}>
            Clear
          </button>
        )}
      </div>
      {!catalog.warehouse_ok && <div className="banner warn">The warehouse did not answer: row counts and column types are missing.</div>}

      <section className="section" aria-labelledby="sources-title">
        <h2 id="sources-title">
          Sources <span className="count">{connections.length}</span>
        </h2>
        {catalog.connections.length === 0 ? (
          <Empty title="No source connections">Add a file under sources/ to load data from a SaaS tool or a database.</Empty>
        ) : connections.length === 0 ? (
          <p className="muted">No source matches.</p>
        ) : (
          <div className="cards">
            {connections.map((c) => (
              <ConnectionCard key={c.key} c={c} />
            ))}
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="assets-title">
        <h2 id="assets-title">
          Models and tables <span className="count">{filtered ? `${assets.length} of ${total}` : total}</span>
        </h2>
        {total === 0 ? (
          <Empty title="No models yet">Add SQL files under models/ (dbt-compatible) and they appear here.</Empty>
        ) : assets.length === 0 ? (
          <Empty title="Nothing matches">Try other words, or clear the filters.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="asset-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Description</th>
                  <th>Audience</th>
                  <th className="num">Columns</th>
                  <th className="num">Rows</th>
                  <th>Last run</th>
                </tr>
              </thead>
              <tbody>
                {assets.slice(0, shown).map((a) => (
                  <AssetRow key={a.key} a={a} />
                ))}
              </tbody>
            </table>
            {assets.length > shown && (
              <div className="more">
                <button type="button" className="btn" onClick={() => setShown((n) => n + PAGE_ROWS * 5)}>
                  Show {Math.min(assets.length - shown, PAGE_ROWS * 5)} more of {assets.length - shown}
                </button>
              </div>
            )}
          </div>
        )}
      </section>
    </>
  );
}

export function CatalogPage() {
  const state = useApi<CatalogJson>('/api/catalog');
  return (
    <div className="page">
      <PageHeader title="Catalog" subtitle="What data exists, where it comes from, and whether it is fresh." />
      <Loaded state={state} what="the catalog">
        {(catalog) => <CatalogView catalog={catalog} />}
      </Loaded>
    </div>
  );
}
