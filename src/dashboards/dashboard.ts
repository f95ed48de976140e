/**
 * A dashboard as code: `dashboards/<name>.md`, Markdown with named SQL
 * blocks (```sql <name>), chart blocks (```chart) that read a named query,
 * and input blocks (```input) whose values queries use as bound parameters
 * (`${inputs.<name>}`, `${inputs.<range>.start}`), never pasted into SQL.
 */
import type { SourceLocation } from '../core/errors.js';

/** A chart type of a chart block. */
export const CHART_TYPES = ['line', 'bar', 'area', 'scatter', 'table', 'big_number', 'funnel', 'cohort'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** An input type of an input block. */
export const INPUT_TYPES = ['date_range', 'dropdown', 'text'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** ```sql <name>: a query of the page. */
export interface QueryBlock {
  kind: 'query';
  name: string;
  /** As written (`{{ ref('x') }}` and `${inputs.x}` unresolved). */
  sql: string;
  location: SourceLocation;
}

/** ```chart: draws the rows of `data` (a query name). */
export interface ChartBlock {
  kind: 'chart';
  /** `chart_<n>` unless named; unique on the page. */
  id: string;
  type: ChartType;
  data: string;
  title?: string | undefined;
  /** Category / time column (line, bar, area, scatter, funnel: the step column; cohort: the cohort column). */
  x?: string | undefined;
  /** Value column(s). */
  y: string[];
  /** Split into one series per value of this column. */
  series?: string | undefined;
  /** big_number: the column shown (first row); `comparison` a second column (e.g. last period). */
  value?: string | undefined;
  comparison?: string | undefined;
  /** Lower / upper bound columns drawn as a band (forecast intervals). */
  lower?: string | undefined;
  upper?: string | undefined;
  /** Number format: number, percent, currency, compact. */
  format?: string | undefined;
  /** Clicking a point sets this input to the clicked x value (cross-filtering). */
  filters?: string | undefined;
  location: SourceLocation;
}

/** ```input: a control whose value queries read. */
export interface InputBlock {
  kind: 'input';
  name: string;
  type: InputType;
  label?: string | undefined;
  /** date_range: `last_<n>_days`, `all`, or `{ start, end }`; dropdown / text: the value. */
  default?: unknown;
  /** dropdown: the options' query and column, or a fixed list. */
  options?: { query: string; column: string } | { values: string[] } | undefined;
  /** dropdown: an "All" option (value NULL) is offered first. */
  allowAll: boolean;
  location: SourceLocation;
}

/** The analyses a block can compute over the project's events (basin.yml `analytics: { events }`). */
export const ANALYSIS_TYPES = ['funnel', 'retention', 'active_users', 'paths'] as const;
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];

/**
 * ```funnel <name> (or retention, active_users, paths): a product analysis
 * computed by src/analytics; its rows are a query charts can read (funnel:
 * step, event, users, conversion...; retention: cohort, period, users,
 * retained, rate; active_users: day, dau, wau, mau; paths: path,
 * occurrences, users).
 */
export interface AnalysisBlock {
  kind: 'analysis';
  analysis: AnalysisType;
  name: string;
  /** The block's YAML, validated by the analysis's schema (analysis-blocks.ts). */
  spec: Record<string, unknown>;
  /** A date_range input narrowing the analysis (`range: <input>`). */
  rangeInput?: string | undefined;
  location: SourceLocation;
}

/** Prose between blocks, as Markdown. */
export interface MarkdownBlock {
  kind: 'markdown';
  markdown: string;
}

export type DashboardBlock = QueryBlock | AnalysisBlock | ChartBlock | InputBlock | MarkdownBlock;

export interface Dashboard {
  /** The file's base name; the asset is `dashboard:<name>`. */
  name: string;
  /** Relative to the project root. */
  file: string;
  title: string;
  description?: string | undefined;
  owner?: string | undefined;
  tags: string[];
  /** Blocks in page order. */
  blocks: DashboardBlock[];
  /** The models (and seeds, snapshots) the queries `ref()`, and the sources they `source()`. */
  refs: string[];
  sources: Array<[string, string]>;
  /** Report delivery (`schedule:` + `to:` in the front matter). */
  report?: { schedule: string; to: string[]; format: 'html' | 'pdf' } | undefined;
}
