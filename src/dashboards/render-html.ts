/**
 * A dashboard with its query results as one self-contained HTML page (the
 * static export, and the body of an e-mailed report): prose from Markdown,
 * charts as inline SVG rendered by ECharts on the server, tables and big
 * numbers as HTML, the input values the page was run with. No script, no
 * external resource: it opens offline and prints to PDF as it looks.
 */
import { marked } from 'marked';
import type { ChartBlock, Dashboard } from './dashboard.js';
import { chartColumns, chartOption, formatValue, isEChartsChart } from './chart-option.js';
import type { DashboardRun } from './run-dashboard.js';

/** Rows a table shows at most in an exported page. */
const TABLE_ROWS = 200;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cell(value: unknown, format?: string): string {
  if (value instanceof Date) return escapeHtml(value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ''));
  if (typeof value === 'number' || typeof value === 'bigint') return escapeHtml(formatValue(value, format));
  if (value === null || value === undefined) return '';
  return escapeHtml(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Renders an ECharts option to an SVG string (ECharts' server-side renderer). */
export type SvgRenderer = (option: Record<string, unknown>, size: { width: number; height: number }) => Promise<string>;

/** The default renderer: ECharts loaded on first use. */
export const echartsSvg: SvgRenderer = async (option, size) => {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};

async function chartHtml(chart: ChartBlock, run: DashboardRun, render: SvgRenderer): Promise<string> {
  const result = run.queries[chart.data];
  const title = chart.title ? `<h3>${escapeHtml(chart.title)}</h3>` : '';
  if (!result) return `<section class="chart">${title}<p class="error">query ${escapeHtml(chart.data)} did not run</p></section>`;
  if (result.error) return `<section class="chart">${title}<p class="error">${escapeHtml(result.error)}</p></section>`;
  if (result.rows.length === 0) return `<section class="chart">${title}<p class="empty">No rows.</p></section>`;
  if (chart.type === 'big_number') {
    const column = chart.value ?? chartColumns(chart, result.rows).y[0] ?? result.columns[0]?.name ?? '';
    const row = result.rows[0]!;
    const comparison = chart.comparison ? `<div class="comparison">vs ${cell(row[chart.comparison], chart.format)}</div>` : '';
    return `<section class="chart big-number">${title}<div class="value">${cell(row[column], chart.format)}</div><div class="label">${escapeHtml(column)}</div>${comparison}</section>`;
  }
  if (chart.type === 'table' || !isEChartsChart(chart)) {
    const columns = result.columns.map((c) => c.name);
    const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const body = result.rows
      .slice(0, TABLE_ROWS)
      .map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c], chart.format)}</td>`).join('')}</tr>`)
      .join('\n');
    const more = result.rows.length > TABLE_ROWS ? `<p class="note">First ${TABLE_ROWS} of ${result.rows.length} rows.</p>` : '';
    return `<section class="chart table">${title}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}</section>`;
  }
  // The chart's own title is drawn in HTML, not in the SVG.
  const svg = await render(chartOption({ ...chart, title: undefined }, result.rows), { width: 880, height: chart.type === 'cohort' ? 420 : 320 });
  return `<section class="chart">${title}${svg}${result.truncated ? '<p class="note">Truncated at the row limit.</p>' : ''}</section>`;
}

function inputsHtml(run: DashboardRun): string {
  if (run.inputs.length === 0) return '';
  const items = run.inputs.map((i) => {
    const v = i.value;
    const text = v === null ? 'All' : typeof v === 'object' ? (v.start === '0001-01-01' && v.end === '9999-12-31' ? 'all time' : `${v.start} – ${v.end}`) : String(v) || '—';
    return `<span class="input"><b>${escapeHtml(i.name)}</b> ${escapeHtml(text)}</span>`;
  });
  return `<div class="inputs">${items.join('')}</div>`;
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#2b3140;background:#fff;margin:0}
main{max-width:920px;margin:0 auto;padding:32px 20px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 8px}
.meta{color:#6b7385;font-size:12px;margin-bottom:16px}
.inputs{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0 20px}.input{background:#f1f3f7;border-radius:6px;padding:4px 10px;font-size:12px}
.chart{border:1px solid #e3e6ec;border-radius:8px;padding:14px;margin:16px 0;page-break-inside:avoid;overflow:hidden}
.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef2}th{background:#f6f7f9}
td{font-variant-numeric:tabular-nums}
.big-number .value{font-size:40px;font-weight:650}.big-number .label,.comparison,.note,.empty{color:#6b7385;font-size:12px}
.error{color:#b42318}
`;

/** The whole page as HTML. */
export async function renderDashboardHtml(dashboard: Dashboard, run: DashboardRun, options: { generatedAt: Date; render?: SvgRenderer } = { generatedAt: new Date() }): Promise<string> {
  const render = options.render ?? echartsSvg;
  const parts: string[] = [];
  // The page's own first heading leads (above the meta line and the inputs); else the title.
  let heading = `<h1>${escapeHtml(dashboard.title)}</h1>`;
  for (const [i, block] of dashboard.blocks.entries()) {
    if (block.kind === 'markdown') {
      let markdown = block.markdown;
      const first = i === 0 ? /^#\s+(.+)\n?/.exec(markdown) : null;
      if (first) {
        heading = `<h1>${escapeHtml(first[1]!.trim())}</h1>`;
        markdown = markdown.slice(first[0].length);
      }
      if (markdown.trim()) parts.push(await marked.parse(markdown, { async: true }));
    } else if (block.kind === 'chart') parts.push(await chartHtml(block, run, render));
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(dashboard.title)}</title><style>${STYLE}</style></head>
<body><main>${heading}
<div class="meta">Dashboard ${escapeHtml(dashboard.name)} · generated ${escapeHtml(options.generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC by Basin</div>
${inputsHtml(run)}
${parts.join('\n')}
</main></body></html>
`;
}
