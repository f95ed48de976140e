#!/usr/bin/env node
/**
 * Writes a synthetic dbt-style project for the compile benchmark.
 *
 *   node bench/generate-project.mjs <outDir> [--models 1000] [--depth N] [--seed 1]
 *                                   [--dbt | --dataform] [--force]
 *
 * The graph is layered: model i sits in layer floor(i * depth / models), refs
 * one model of the previous layer (so the longest path has exactly `depth`
 * models) and 0-2 more models from the 8 layers before it. Default depth is
 * 200 for 1,000 models and grows with the square root of the model count
 * (632 for 10,000). Output is deterministic for a given set of options.
 *
 * Flavours (same graph, same SQL shape):
 *   default     basin.yml + models/ + macros/ + seeds/
 *   --dbt       dbt_project.yml + profiles.yml (dbt-duckdb) instead of basin.yml
 *   --dataform  workflow_settings.yaml + definitions/*.sqlx + includes/macros.js
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const USAGE =
  'usage: node bench/generate-project.mjs <outDir> [--models N] [--depth N] [--seed N] [--dbt | --dataform] [--force]';

/** Parses argv into options; exits with a message on bad input. */
function parseArgs(argv) {
  const opts = { outDir: undefined, models: 1000, depth: undefined, seed: 1, flavour: 'basin', force: false };
  const intArg = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) fail(`${name} needs a positive integer, got ${JSON.stringify(value)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--models':
        opts.models = intArg('--models', value());
        break;
      case '--depth':
        opts.depth = intArg('--depth', value());
        break;
      case '--seed':
        opts.seed = intArg('--seed', value());
        break;
      case '--dbt':
      case '--dataform':
        if (opts.flavour !== 'basin') fail('--dbt and --dataform cannot be combined');
        opts.flavour = flag.slice(2);
        break;
      case '--force':
        opts.force = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        if (flag.startsWith('-')) fail(`unknown option ${flag}`);
        if (opts.outDir !== undefined) fail(`unexpected argument ${flag}`);
        opts.outDir = flag;
    }
  }
  if (opts.outDir === undefined) fail('missing <outDir>');
  opts.depth = Math.min(opts.models, opts.depth ?? Math.max(1, Math.round(200 * Math.sqrt(opts.models / 1000))));
  return opts;
}

function fail(message) {
  console.error(`generate-project: ${message}\n${USAGE}`);
  process.exit(2);
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['finance', 'marketing', 'product', 'sales', 'support', 'operations'];
const SUBFOLDERS = ['core', 'derived', 'rollups'];
const SEED_ROWS = 20;
const EXTRA_REF_WINDOW = 8;

/** Builds the model graph: names, folders, refs, materializations. */
function buildGraph({ models: n, depth, seed }) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const width = String(n).length;
  const layers = Array.from({ length: depth }, () => []);
  const models = [];
  for (let i = 0; i < n; i++) {
    const layer = Math.floor((i * depth) / n);
    const share = layer / depth;
    let folders;
    let prefix;
    if (share < 0.15) {
      prefix = 'stg';
      folders = ['staging', `source_${i % 8}`];
    } else if (share < 0.75) {
      prefix = 'int';
      folders = ['intermediate', pick(DOMAINS), pick(SUBFOLDERS)];
    } else {
      prefix = 'fct';
      folders = ['marts', pick(DOMAINS)];
    }
    const model = { index: i, name: `${prefix}_${String(i).padStart(width, '0')}`, layer, folders, refs: [] };
    if (layer === 0) {
      model.root = rand() < 0.5 ? 'seed' : 'literal';
    } else {
      model.refs.push(pick(layers[layer - 1]));
      const extra = Math.floor(rand() * 3);
      const low = Math.max(0, layer - EXTRA_REF_WINDOW);
      for (let k = 0; k < extra; k++) {
        const candidate = pick(layers[low + Math.floor(rand() * (layer - low))]);
        if (!model.refs.includes(candidate)) model.refs.push(candidate);
      }
    }
    // Every 4th layer is tables so chains of views stay short if the project is ever run.
    model.materialized = layer % 4 === 3 ? 'table' : rand() < 0.4 ? 'view' : undefined;
    model.documented = i % 25 === 0;
    layers[layer].push(model);
    models.push(model);
  }
  return models;
}

/** Longest path, counted in models, as a check that the layering worked. */
function graphDepth(models) {
  const level = new Map();
  for (const m of models) level.set(m.name, 1 + Math.max(0, ...m.refs.map((r) => level.get(r.name))));
  return Math.max(...level.values());
}

/** The SELECT shared by all flavours; `ref` and `macro` render the templating syntax. */
function modelSql(model, ref, macro, seedRef) {
  if (model.root === 'literal') {
    return `select\n    src.id,\n    src.amount,\n    ${macro('src.amount')} as amount_usd\nfrom (select 1 as id, 100 as amount) as src\n`;
  }
  if (model.root === 'seed') {
    return `select\n    src.id,\n    src.amount,\n    ${macro('src.amount')} as amount_usd\nfrom ${seedRef} as src\n`;
  }
  const amount = model.refs.map((_, k) => (k === 0 ? 'p0.amount' : `coalesce(p${k}.amount, 0)`)).join(' + ');
  const joins = model.refs
    .slice(1)
    .map((r, k) => `left join ${ref(r.name)} as p${k + 1} on p0.id = p${k + 1}.id\n`)
    .join('');
  return `select\n    p0.id,\n    ${amount} as amount,\n    ${macro('p0.amount')} as amount_usd\nfrom ${ref(model.refs[0].name)} as p0\n${joins}`;
}

function seedCsv() {
  const lines = ['id,amount'];
  for (let i = 1; i <= SEED_ROWS; i++) lines.push(`${i},${i * 100}`);
  return `${lines.join('\n')}\n`;
}

const CENTS_TO_DOLLARS_MACRO = `{#- Converts an integer amount in cents to a decimal amount in dollars. -#}
{% macro cents_to_dollars(column_name, scale=2) -%}
    round(cast({{ column_name }} as decimal(18, 4)) / 100, {{ scale }})
{%- endmacro %}
`;

/** Files of the basin and dbt flavours. */
function dbtStyleFiles(models, flavour) {
  const files = new Map();
  if (flavour === 'dbt') {
    files.set(
      'dbt_project.yml',
      `name: bench\nversion: '1.0.0'\nconfig-version: 2\nprofile: bench\n\nmodel-paths: ["models"]\nmacro-paths: ["macros"]\nseed-paths: ["seeds"]\n`,
    );
    files.set(
      'profiles.yml',
      `# Use with: dbt compile --profiles-dir .\nbench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: bench.duckdb\n      threads: 4\n`,
    );
  } else {
    files.set('basin.yml', `name: bench\nwarehouse:\n  type: duckdb\n  path: bench.duckdb\n`);
  }
  files.set('macros/cents_to_dollars.sql', CENTS_TO_DOLLARS_MACRO);
  files.set('seeds/raw_amounts.csv', seedCsv());
  const ref = (name) => `{{ ref('${name}') }}`;
  const macro = (column) => `{{ cents_to_dollars('${column}') }}`;
  for (const m of models) {
    const config = m.materialized ? `{{ config(materialized='${m.materialized}') }}\n\n` : '';
    files.set(`models/${m.folders.join('/')}/${m.name}.sql`, config + modelSql(m, ref, macro, ref('raw_amounts')));
  }
  const documented = models.filter((m) => m.documented);
  const schema = ['version: 2', '', 'models:'];
  for (const m of documented) {
    schema.push(
      `  - name: ${m.name}`,
      `    description: "Bench model ${m.name} (layer ${m.layer})."`,
      '    columns:',
      '      - name: id',
      '        description: "Row key, unique per model."',
      '        tests:',
      '          - unique',
      '          - not_null',
      '      - name: amount_usd',
      '        description: "Amount in dollars."',
    );
  }
  files.set('models/schema.yml', `${schema.join('\n')}\n`);
  return files;
}

/** Files of the Dataform flavour. */
function dataformFiles(models) {
  const files = new Map();
  files.set(
    'workflow_settings.yaml',
    'defaultProject: bench\ndefaultLocation: US\ndefaultDataset: bench\ndefaultAssertionDataset: bench_assertions\ndataformCoreVersion: 3.0.0\n',
  );
  files.set(
    'includes/macros.js',
    `/** Converts an integer amount in cents to a decimal amount in dollars. */\nfunction cents_to_dollars(columnName, scale = 2) {\n  return \`round(cast(\${columnName} as numeric) / 100, \${scale})\`;\n}\n\nmodule.exports = { cents_to_dollars };\n`,
  );
  const rows = Array.from({ length: SEED_ROWS }, (_, k) => `select ${k + 1} as id, ${(k + 1) * 100} as amount`);
  files.set('definitions/raw_amounts.sqlx', `config { type: "table" }\n\n${rows.join('\nunion all\n')}\n`);
  const ref = (name) => `\${ref("${name}")}`;
  const macro = (column) => `\${macros.cents_to_dollars("${column}")}`;
  for (const m of models) {
    const config = [`  type: "${m.materialized === 'table' ? 'table' : 'view'}"`];
    if (m.documented) {
      config.push(`  description: "Bench model ${m.name} (layer ${m.layer})."`);
      config.push('  assertions: { uniqueKey: ["id"], nonNull: ["id"] }');
    }
    const body = modelSql(m, ref, macro, ref('raw_amounts'));
    files.set(`definitions/${m.folders.join('/')}/${m.name}.sqlx`, `config {\n${config.join(',\n')}\n}\n\n${body}`);
  }
  return files;
}

const GENERATED = [
  'basin.yml', 'dbt_project.yml', 'profiles.yml', 'workflow_settings.yaml',
  'models', 'macros', 'seeds', 'definitions', 'includes',
];

function prepareOutDir(outDir, force) {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!force) fail(`${outDir} is not empty (pass --force to replace the generated files in it)`);
    for (const entry of GENERATED) rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const models = buildGraph(opts);
  const files = opts.flavour === 'dataform' ? dataformFiles(models) : dbtStyleFiles(models, opts.flavour);
  prepareOutDir(opts.outDir, opts.force);
  for (const [rel, text] of files) {
    const abs = path.join(opts.outDir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  const edges = models.reduce((sum, m) => sum + m.refs.length, 0);
  console.log(
    `wrote ${opts.flavour} project to ${opts.outDir}: ${models.length} models, ${edges} refs, depth ${graphDepth(models)}, ${files.size} files (seed ${opts.seed})`,
  );
}

main();
