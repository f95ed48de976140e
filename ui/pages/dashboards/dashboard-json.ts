/** JSON shapes of the dashboards API (GET /api/dashboards, GET /api/dashboards/:name, POST .../run). */
import type { Dashboard, DashboardBlock } from '../../../src/dashboards/dashboard';

export type { ChartBlock, DashboardBlock, InputBlock } from '../../../src/dashboards/dashboard';

/** One entry of GET /api/dashboards. */
export interface DashboardSummary {
  name: string;
  title: string;
  description: string | null;
  owner: string | null;
  tags: string[];
  file: string;
  /** Asset keys the dashboard reads. */
  reads: string[];
  charts: number;
  report: { schedule: string; to: string[]; format: 'html' | 'pdf' } | null;
}

/** GET /api/dashboards/:name. */
export type DashboardJson = Omit<Dashboard, 'blocks'> & { blocks: DashboardBlock[]; reads: string[] };

export type InputValueJson = { start: string; end: string } | string | number | null;

export interface QueryResultJson {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  cached: boolean;
  ms: number;
  error?: string;
}

/** POST /api/dashboards/:name/run (`{ inputs, queries? }`: with `queries`, only those keys, and only the dropdowns it resolved). */
export interface DashboardRunJson {
  inputs: Array<{ name: string; type: 'date_range' | 'dropdown' | 'text'; value: InputValueJson; options?: string[] }>;
  queries: Record<string, QueryResultJson>;
  dataVersion: string;
}
