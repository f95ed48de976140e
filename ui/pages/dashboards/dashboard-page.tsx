/**
 * One dashboard, live: its input controls at the top, then its blocks in
 * page order (Markdown, charts). Input values live in the URL query string
 * (shareable; back and forward step through them); every change re-runs the
 * page's queries. A chart with `filters: <input>` sets that input to the
 * clicked x value; its chip clears it. Export buttons download the static
 * page (HTML or PDF) with the current inputs.
 */
import { useState } from 'react';
import { Link, assetPath } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { ErrorState, Loaded } from '../../components/states';
import { navigate, useLocation } from '../../router';
import { useApi } from '../../use-api';
import { ChartCard, type CrossFilter } from './chart-card';
import type { ChartBlock, DashboardJson, InputBlock } from './dashboard-json';
import { download } from './download';
import { InputControls } from './input-controls';
import { MarkdownBlock } from './markdown-block';
import { useDark } from '../../use-dark';
import { useDashboardRun, type DashboardRunState } from './use-dashboard-run';
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

function Dashboard(props: { dashboard: DashboardJson; state: DashboardRunState }) {
  const { dashboard } = props;
  const { run, error, loading } = props.state;
  const { path, query } = useLocation();
  const dark = useDark();
  const inputBlocks = dashboard.blocks.filter((b): b is InputBlock => b.kind === 'input');
  const raw = inputsFromQuery(query, inputBlocks.map((i) => i.name));
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
      <InputControls inputs={inputBlocks} resolved={run?.inputs} raw={raw} onChange={setInput} />
      {error && <ErrorState error={error} />}
      <div className="db-blocks">
        {dashboard.blocks.map((block, i) => {
          if (block.kind === 'markdown') return <MarkdownBlock key={i} markdown={block.markdown} />;
          if (block.kind !== 'chart') return null;
          return <ChartCard key={block.id} chart={block} result={run?.queries[block.data]} loading={loading} dark={dark} filter={crossFilter(block)} />;
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
          {run && <> · data version {run.dataVersion.slice(0, 12)}</>}
        </p>
      )}
    </div>
  );
}

export function DashboardPage(props: { params: Record<string, string> }) {
  const name = props.params['name'] ?? '';
  const { query } = useLocation();
  const state = useApi<DashboardJson>(`/api/dashboards/${encodeURIComponent(name)}`);
  // The queries start with the definition, not after it: every URL parameter goes along (the server reads only the page's inputs).
  const run = useDashboardRun(name, Object.fromEntries(query));
  return (
    <Loaded state={state} what="the dashboard">
      {(dashboard) => <Dashboard dashboard={dashboard} state={run} />}
    </Loaded>
  );
}
