/**
 * Parses `dashboards/<name>.md` into a Dashboard: YAML front matter
 * (title, tags, report schedule), then Markdown whose fenced blocks are
 * ```sql <name> queries, ```chart and ```input blocks (YAML), and prose.
 * Errors name the file and line; a chart reading an unknown query, an
 * input used but not declared, or a name used twice is refused here, before
 * anything runs.
 */
import { marked, type Token } from 'marked';
import type { z } from 'zod';
import { parseYamlText, zodIssuesToConfigError } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import { chartBlockSchema, frontMatterSchema, inputBlockSchema } from './dashboard-blocks-schema.js';
import { ANALYSIS_TYPES, type AnalysisBlock, type AnalysisType, type ChartBlock, type Dashboard, type DashboardBlock, type InputBlock, type QueryBlock } from './dashboard.js';
import { ANALYSIS_SCHEMAS } from './analysis-blocks.js';
import { inputReferences } from './bind-inputs.js';
import { dashboardRefs } from './resolve-refs.js';

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses YAML of a block that starts at `line` (1-based, the first line of its content) and validates it. */
function blockYaml<S extends z.ZodType>(body: string, file: string, line: number, schema: S, what: string): z.infer<S> {
  const yaml = parseYamlText(`${'\n'.repeat(line - 1)}${body}`, file);
  if (yaml.value === undefined) throw new ConfigError(`empty ${what} block`, { location: { file, line: line - 1 } });
  const parsed = schema.safeParse(yaml.value);
  if (!parsed.success) throw zodIssuesToConfigError(parsed.error.issues, { yaml, input: yaml.value, schema });
  return parsed.data;
}

/** Parses a dashboard file's text. */
export function parseDashboard(text: string, options: { name: string; file: string; eventsModel?: string | undefined }): Dashboard {
  const { file } = options;
  let body = text;
  let bodyOffset = 0;
  let front: z.infer<typeof frontMatterSchema> = { tags: [], format: 'html' };
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (fm) {
    front = blockYaml(fm[1] ?? '', file, 2, frontMatterSchema, 'front matter');
    bodyOffset = fm[0].length;
    body = text.slice(bodyOffset);
  }
  const blocks: DashboardBlock[] = [];
  let prose = '';
  let offset = bodyOffset;
  let charts = 0;
  const flushProse = (): void => {
    if (prose.trim() !== '') blocks.push({ kind: 'markdown', markdown: prose.trim() });
    prose = '';
  };
  for (const token of marked.lexer(body) as Token[]) {
    const start = offset;
    offset += token.raw.length;
    if (token.type !== 'code' || !token.lang) {
      prose += token.raw;
      continue;
    }
    const [kind, blockName, ...rest] = token.lang.trim().split(/\s+/);
    const line = lineAt(text, start);
    const contentLine = line + 1;
    if (kind === 'sql') {
      if (!blockName || rest.length > 0 || !/^[a-z_][a-z0-9_]*$/.test(blockName)) {
        throw new ConfigError('a query block is ```sql <name> with a lower-case name (letters, digits, underscores)', { location: { file, line } });
      }
      flushProse();
      blocks.push({ kind: 'query', name: blockName, sql: token.text, location: { file, line } });
    } else if ((ANALYSIS_TYPES as readonly string[]).includes(kind ?? '')) {
      const analysis = kind as AnalysisType;
      if (!blockName || rest.length > 0 || !/^[a-z_][a-z0-9_]*$/.test(blockName)) {
        throw new ConfigError(`an analysis block is \`\`\`${analysis} <name> with a lower-case name (letters, digits, underscores)`, { location: { file, line } });
      }
      flushProse();
      const spec = blockYaml(token.text.trim() === '' ? '{}' : token.text, file, contentLine, ANALYSIS_SCHEMAS[analysis], analysis) as { range?: string };
      blocks.push({ kind: 'analysis', analysis, name: blockName, spec: parseYamlText(token.text, file).value as Record<string, unknown> ?? {}, rangeInput: spec.range, location: { file, line } });
    } else if (kind === 'chart') {
      flushProse();
      const c = blockYaml(token.text, file, contentLine, chartBlockSchema, 'chart');
      blocks.push({
        kind: 'chart',
        id: c.id ?? blockName ?? `chart_${++charts}`,
        type: c.type,
        data: c.data,
        title: c.title,
        x: c.x,
        y: c.y ?? [],
        series: c.series,
        value: c.value,
        comparison: c.comparison,
        lower: c.lower,
        upper: c.upper,
        format: c.format,
        filters: c.filters,
        location: { file, line },
      });
    } else if (kind === 'input') {
      flushProse();
      const i = blockYaml(token.text, file, contentLine, inputBlockSchema, 'input');
      blocks.push({ kind: 'input', name: i.name, type: i.type, label: i.label, default: i.default, options: i.options, allowAll: i.all, location: { file, line } });
    } else {
      prose += token.raw;
    }
  }
  flushProse();
  checkReferences(blocks, file);

  const queries = blocks.filter((b): b is QueryBlock => b.kind === 'query');
  const found = dashboardRefs(queries.map((q) => q.sql));
  const sources = found.sources;
  // Analysis blocks read the project's events model.
  const refs = options.eventsModel && blocks.some((b) => b.kind === 'analysis') ? [...new Set([...found.refs, options.eventsModel])].sort() : found.refs;
  const heading = blocks.find((b) => b.kind === 'markdown' && /^#\s+/.test(b.markdown));
  const title = front.title ?? (heading?.kind === 'markdown' ? /^#\s+(.+)$/m.exec(heading.markdown)?.[1]?.trim() : undefined) ?? options.name;
  if ((front.schedule === undefined) !== (front.to === undefined)) {
    throw new ConfigError('a report needs both `schedule:` (cron) and `to:` (e-mail addresses or webhook URLs)', { location: { file, line: 2 } });
  }
  return {
    name: options.name,
    file,
    title,
    description: front.description,
    owner: front.owner,
    tags: front.tags,
    blocks,
    refs,
    sources,
    report: front.schedule && front.to ? { schedule: front.schedule, to: front.to, format: front.format } : undefined,
  };
}

/** Names unique per kind; charts read declared queries; queries use declared inputs; dropdowns read declared queries. */
function checkReferences(blocks: readonly DashboardBlock[], file: string): void {
  const queries = new Map<string, QueryBlock | AnalysisBlock>();
  const inputs = new Map<string, InputBlock>();
  const charts = new Set<string>();
  for (const b of blocks) {
    if (b.kind === 'query' || b.kind === 'analysis') {
      if (queries.has(b.name)) throw new ConfigError(`query "${b.name}" is defined twice (first at line ${queries.get(b.name)!.location.line})`, { location: b.location });
      queries.set(b.name, b);
    } else if (b.kind === 'input') {
      if (inputs.has(b.name)) throw new ConfigError(`input "${b.name}" is defined twice`, { location: b.location });
      inputs.set(b.name, b);
    } else if (b.kind === 'chart') {
      if (charts.has(b.id)) throw new ConfigError(`chart id "${b.id}" is used twice`, { location: b.location });
      charts.add(b.id);
    }
  }
  const known = (kind: string, name: string, where: QueryBlock | AnalysisBlock | ChartBlock | InputBlock, names: Map<string, unknown>): void => {
    if (!names.has(name)) {
      throw new ConfigError(`${kind} "${name}" is not defined on this page${names.size ? ` (defined: ${[...names.keys()].join(', ')})` : ''}`, { location: where.location });
    }
  };
  for (const b of blocks) {
    if (b.kind === 'chart') {
      known('query', b.data, b, queries);
      if (b.filters) known('input', b.filters, b, inputs);
    } else if (b.kind === 'input' && b.options && 'query' in b.options) {
      known('query', b.options.query, b, queries);
    } else if (b.kind === 'query') {
      for (const ref of inputReferences(b.sql)) known('input', ref.input, b, inputs);
    } else if (b.kind === 'analysis' && b.rangeInput) {
      known('input', b.rangeInput, b, inputs);
      if (inputs.get(b.rangeInput)!.type !== 'date_range') throw new ConfigError(`range: input "${b.rangeInput}" is not a date_range`, { location: b.location });
    }
  }
}

