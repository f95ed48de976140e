/**
 * The route table: a page is one file plus one entry here. Entries with a
 * `nav` label appear in the sidebar, in this order; `section` names the
 * nav entry highlighted for deeper pages (an asset under Catalog). A page
 * with heavy dependencies loads on demand: `page: lazy(() => import('./pages/x')
 * .then((m) => ({ default: m.XPage })))` (the shell shows a loading state meanwhile).
 */
import { lazy, type ComponentType } from 'react';
import { AssetPage } from './pages/asset-page';
import { CatalogPage } from './pages/catalog-page';
import { JobsPage } from './pages/jobs-page';
import { LineagePage } from './pages/lineage/lineage-page';
import { RunPage } from './pages/run-page';
import { RunsPage } from './pages/runs-page';

export interface Route {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
  /** Sidebar label, for top-level pages. */
  nav?: string;
  /** The sidebar entry this page belongs to. */
  section: string;
  /** The page's title in the browser tab. */
  title: string;
}

export const ROUTES: readonly Route[] = [
  { path: '/catalog', page: CatalogPage, nav: 'Catalog', section: '/catalog', title: 'Catalog' },
  { path: '/catalog/:key', page: AssetPage, section: '/catalog', title: 'Asset' },
  { path: '/lineage', page: LineagePage, nav: 'Lineage', section: '/lineage', title: 'Lineage' },
  { path: '/runs', page: RunsPage, nav: 'Runs', section: '/runs', title: 'Runs' },
  { path: '/runs/:id', page: RunPage, section: '/runs', title: 'Run' },
  { path: '/dashboards', page: lazy(() => import('./pages/dashboards/dashboards-page').then((m) => ({ default: m.DashboardsPage }))), nav: 'Dashboards', section: '/dashboards', title: 'Dashboards' },
  { path: '/dashboards/:name', page: lazy(() => import('./pages/dashboards/dashboard-page').then((m) => ({ default: m.DashboardPage }))), section: '/dashboards', title: 'Dashboard' },
  { path: '/analytics', page: lazy(() => import('./pages/analytics/analytics-page').then((m) => ({ default: m.AnalyticsPage }))), nav: 'Analytics', section: '/analytics', title: 'Analytics' },
  { path: '/jobs', page: JobsPage, nav: 'Jobs', section: '/jobs', title: 'Jobs' },
  { path: '/sql', page: lazy(() => import('./pages/workbench/workbench-page').then((m) => ({ default: m.WorkbenchPage }))), nav: 'SQL workbench', section: '/sql', title: 'SQL workbench' },
];

/** Where `/` goes. */
export const HOME = '/catalog';
