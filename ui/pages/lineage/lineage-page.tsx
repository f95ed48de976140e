/**
 * The Lineage page: the asset graph from connections and sources through
 * models and tests to syncs, laid out by ELK on the server (GET /api/lineage),
 * drawn by LineageCanvas. The view (focus, levels, tests) lives in the URL:
 * /lineage?focus=model:fct_mrr&up=2&down=1&tests=1.
 */
import { useCallback, useEffect, useState } from 'react';
import { assetPath, Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { Empty, Loaded } from '../../components/states';
import { navigate, useLocation } from '../../router';
import { LineageCanvas } from './lineage-canvas';
import { LineageLegend } from './lineage-legend';
import { queryOf, settingsOf, useLineage, type LineageSettings } from './lineage-data';
import { LineageToolbar } from './lineage-toolbar';
import './lineage.css';

/** After this long, the loading state says why a first visit can take a while. */
const SLOW_MS = 2500;

/** True once `loading` has lasted SLOW_MS. */
function useSlow(loading: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  return slow;
}

export function LineagePage() {
  const { query } = useLocation();
  const settings = settingsOf(query);
  const state = useLineage(`/api/lineage${queryOf(settings)}`);
  const change = useCallback((next: LineageSettings) => navigate(`/lineage${queryOf(next)}`), []);
  const open = useCallback((key: string) => navigate(assetPath(key)), []);
  const focus = useCallback((key: string) => navigate(`/lineage${queryOf({ ...settings, focus: key })}`), [settings.up, settings.down, settings.tests]);

  const data = state.data;
  const slow = useSlow(data === undefined && state.error === undefined);
  return (
    <div className="page page-wide ln-page">
      <PageHeader
        title="Lineage"
        subtitle={
          data
            ? `${data.nodes.length.toLocaleString()} of ${data.keys.length.toLocaleString()} assets · ${data.edges.length.toLocaleString()} dependencies${data.tests ? '' : ' · tests folded into the assets they test'}`
            : 'Where every table comes from and what reads it.'
        }
      />
      <LineageToolbar key={settings.focus ?? ''} settings={settings} keys={data?.keys ?? []} onChange={change} />
      {slow && (
        <p className="muted small ln-slow" role="status">
          A large project's graph is laid out once after the server starts (a 1,000-model project takes seconds); later visits are instant.
        </p>
      )}
      <Loaded state={state} what="the lineage graph">
        {(d) =>
          d.nodes.length === 0 ? (
            <Empty title="No assets yet">
              Add models under <code>models/</code> or connections under <code>sources/</code>, then reload. The <Link to="/catalog">catalog</Link> lists what
              the project defines.
            </Empty>
          ) : (
            <>
              <LineageCanvas data={d} onOpen={open} onFocus={focus} />
              <LineageLegend nodes={d.nodes} />
            </>
          )
        }
      </Loaded>
    </div>
  );
}
