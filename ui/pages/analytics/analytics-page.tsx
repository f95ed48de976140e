/**
 * The product-analytics explorer (/analytics): pick events, a window, a
 * breakdown, and see funnels, retention, active users and paths over the
 * project's events (basin.yml `analytics:`). Everything chosen lives in the
 * URL query string (explorer-state.ts), so a link reproduces the view; each
 * change re-runs the tab's analysis.
 */
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { Empty, Loaded } from '../../components/states';
import { count } from '../../format';
import { navigate, useLocation } from '../../router';
import { useApi } from '../../use-api';
import { useDark } from '../../use-dark';
import type { EventsOverviewJson } from '../../../src/server/analytics/analytics-json';
import { ActiveTab } from './active-tab';
import { Segmented } from './explorer-controls';
import { readState, TABS, withParams, type ExplorerState } from './explorer-state';
import { PropertyKeys } from './filters-editor';
import { FunnelTab } from './funnel-tab';
import { PathsTab } from './paths-tab';
import { RetentionTab } from './retention-tab';
import type { TabProps } from './tab-props';
import './analytics.css';

const CONFIG_EXAMPLE = ['analytics:', '  events:', '    relation: analytics.events   # schema.name, or a model name', '    user_id: user_id', '    event: event', '    timestamp: timestamp', '    properties: properties     # null when there is none'].join('\n');

function NotConfigured(props: { message: string }) {
  return (
    <Empty title="No events to analyse yet">
      <span data-not-configured>{props.message}</span>
      <pre className="ax-config">{CONFIG_EXAMPLE}</pre>
    </Empty>
  );
}

function RangeControls(props: { state: ExplorerState; overview: EventsOverviewJson; set: TabProps['set'] }) {
  const { from, to } = props.state;
  const data = props.overview.range;
  return (
    <div className="ax-range" role="group" aria-label="Date range">
      <input type="date" name="from" aria-label="From" value={from} min={data?.from} max={to || data?.to} onChange={(e) => props.set({ from: e.target.value })} />
      <span className="muted">–</span>
      <input type="date" name="to" aria-label="To" value={to} min={from || data?.from} max={data?.to} onChange={(e) => props.set({ to: e.target.value })} />
      <button type="button" className="btn ghost" disabled={!from && !to} onClick={() => props.set({ from: undefined, to: undefined })}>
        All days
      </button>
    </div>
  );
}

function Explorer(props: { overview: EventsOverviewJson }) {
  const { path, query } = useLocation();
  const dark = useDark();
  const { overview } = props;
  const state = readState(query, overview.events[0]?.name ?? '');
  const set: TabProps['set'] = (changes) => navigate(`${path}${withParams(query, changes)}`);
  const tab: TabProps = { state, overview, set, dark };
  const days = overview.range ? `${overview.range.from} – ${overview.range.to}` : 'no events yet';
  return (
    <div className="page ax-page">
      <PageHeader
        title="Analytics"
        subtitle={
          <>
            <span className="mono">{overview.relation}</span> · {count(overview.events.length)}
            {overview.events_truncated ? '+' : ''} event types · {days}
          </>
        }
        actions={<RangeControls state={state} overview={overview} set={set} />}
      />
      <PropertyKeys properties={overview.properties} />
      <div className="ax-tabs">
        <Segmented name="tab" value={state.tab} options={TABS} onChange={(t) => set({ tab: t === 'funnel' ? undefined : t })} />
      </div>
      {overview.events.length === 0 ? (
        <Empty title="No events">The events relation is empty.</Empty>
      ) : state.tab === 'funnel' ? (
        <FunnelTab {...tab} />
      ) : state.tab === 'retention' ? (
        <RetentionTab {...tab} />
      ) : state.tab === 'active' ? (
        <ActiveTab {...tab} />
      ) : (
        <PathsTab {...tab} />
      )}
    </div>
  );
}

export function AnalyticsPage() {
  const overview = useApi<EventsOverviewJson>('/api/analytics/events');
  if (overview.error instanceof ApiError && overview.error.status === 404) {
    return (
      <div className="page ax-page">
        <PageHeader title="Analytics" />
        <NotConfigured message={overview.error.message} />
      </div>
    );
  }
  return (
    <Loaded state={overview} what="the events">
      {(data) => <Explorer overview={data} />}
    </Loaded>
  );
}
