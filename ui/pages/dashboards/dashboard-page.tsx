/**
 * One dashboard, live: its input controls at the top, then its blocks in
 * page order (Markdown, charts). Each chart's query is requested on its own
 * (a few at a time), so each chart draws as soon as its rows arrive, with
 * its own loading, error and empty state. Input values live in the URL
 * query string (shareable; back and forward step through them); a change
 * re-runs only the queries that read the changed input. A chart with
 * `filters: <input>` sets that input to the clicked x value; its chip
 * clears it. Export buttons download the static page (HTML or PDF) with the
 * current inputs.
 */
import { useMemo, useState } from 'react';
import { Link, assetPath } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { ErrorState, Loaded } from '../../components/states';
import { navigate, useLocation } from '../../router';
import { useApi } from '../../use-api';
import { ChartCard, type CrossFilter } from './chart-card';
import type { ChartBlock, DashboardJson, InputBlock, QueryResultJson } from './dashboard-json';
import { download } from './download';
import { InputControls } from './input-controls';
import { MarkdownBlock } from './markdown-block';
import { useDark } from '../../use-dark';
import { INPUTS_REQUEST, queryRequests, requestOf } from './query-requests';
import { useDashboardQueries, type RequestState } from './use-dashboard-queries';
import { ALL_OPTION, exportUrl, inputsFromQuery, withInput } from './url-inputs';
import './dashboards.css';

function ExportButtons(props: { name: string; inputs: Record<string, string> }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const run = (format: 'html' | 'pdf') => {
    setBusy(format);
    setError(undefined);
    download(exportUrl(props.name, format, props.inputs), `${props.name}.${format}`)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(undefined));
  };
  return (
    <div className="db-export">
      <button type="button" className="btn" disabled={busy !== undefined} onClick={() => run('html')} data-export="html">
        {busy === 'html' ? 'Exporting…' : 'Export HTML'}
      </button>
      <button type="button" className="btn" disabled={busy !== undefined} onClick={() => run('pdf')} data-export="pdf">
        {busy === 'pdf' ? 'Exporting…' : 'Export PDF'}
      </button>
      {error && (
        <span className="db-export-error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The result a chart shows: its query's rows, or the error of its request (a 400 for a bad input value, a lost connection). */
function chartResult(state: RequestState | undefined, query: string): QueryResultJson | undefined {
  if (state?.error) return { columns: [], rows: [], truncated: false, cached: false, ms: 0, error: state.error.message };
  return state?.run?.queries[query];
}

function Dashboard(props: { dashboard: DashboardJson }) {
  const { dashboard } = props;
  const { path, query } = useLocation();
  const dark = useDark();
  const inputBlocks = dashboard.blocks.filter((b): b is InputBlock => b.kind === 'input');
  const raw = inputsFromQuery(query, inputBlocks.map((i) => i.name));
  const rawKey = JSON.stringify(raw);
  const requests = useMemo(() => queryRequests(dashboard.blocks, JSON.parse(rawKey) as Record<string, string>), [dashboard.blocks, rawKey]);
  const states = useDashboardQueries(dashboard.name, requests);
  const controls = states[INPUTS_REQUEST];
  const dataVersion = Object.values(states).find((s) => s.run)?.run?.dataVersion;
  const setInput = (name: string, value: string | undefined) => navigate(`${path}${withInput(query, name, value)}`);

  const crossFilter = (chart: ChartBlock): CrossFilter | undefined => {
    const input = inputBlocks.find((i) => i.name === chart.filters);
    if (!input) return undefined;
    const value = raw[input.name];
    return {
      input: input.name,
      value: value === undefined || value === ALL_OPTION ? undefined : value,
      set: (v) => setInput(input.name, v),
      clear: () => setInput(input.name, input.allowAll && input.default !== undefined && input.default !== null ? ALL_OPTION : undefined),
    };
  };

  return (
    <div className="page db-page" data-dashboard={dashboard.name}>
      <PageHeader
        eyebrow={<Link to="/dashboards">Dashboards</Link>}
        title={dashboard.title}
        subtitle={dashboard.description}
        actions={<ExportButtons name={dashboard.name} inputs={raw} />}
      />
      <InputControls inputs={inputBlocks} resolved={controls?.run?.inputs} raw={raw} onChange={setInput} />
      {controls?.error && <ErrorState error={controls.error} />}
      <div className="db-blocks">
        {dashboard.blocks.map((block, i) => {
          if (block.kind === 'markdown') return <MarkdownBlock key={i} markdown={block.markdown} />;
          if (block.kind !== 'chart') return null;
          const request = requestOf(requests, block.data);
          const state = request ? states[request.id] : undefined;
          return <ChartCard key={block.id} chart={block} result={chartResult(state, block.data)} loading={state?.loading ?? true} dark={dark} filter={crossFilter(block)} />;
        })}
      </div>
      {dashboard.reads.length > 0 && (
        <p className="small muted db-reads">
          Reads{' '}
          {dashboard.reads.map((key, i) => (
            <span key={key}>
              {i > 0 && ', '}
              <Link to={assetPath(key)}>{key}</Link>
            </span>
          ))}
          {dataVersion && <> · data version {dataVersion.slice(0, 12)}</>}
        </p>
      )}
    </div>
  );
}

export function DashboardPage(props: { params: Record<string, string> }) {
  const name = props.params['name'] ?? '';
  const state = useApi<DashboardJson>(`/api/dashboards/${encodeURIComponent(name)}`);
  // Keyed by name: another dashboard starts with no answers.
  return (
    <Loaded state={state} what="the dashboard">
      {(dashboard) => <Dashboard key={dashboard.name} dashboard={dashboard} />}
    </Loaded>
  );
}
