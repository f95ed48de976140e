import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BasinError } from '../../core/errors.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';

/** The files of a new project: a seed, a staging view, a table, tests. */
function scaffold(name: string): Record<string, string> {
  return {
    'basin.yml': `# Basin project. Docs: https://github.com/ (see docs/ in the Basin repository)
name: ${name}
warehouse:
  type: duckdb
  path: warehouse.duckdb
schema: main
threads: 4
vars: {}
`,
    '.gitignore': 'target/\nwarehouse.duckdb\nwarehouse.duckdb.wal\n.basin/\n',
    'seeds/customers.csv': 'id,name,signed_up_at,plan\n1,Ada,2025-01-03,pro\n2,Grace,2025-02-11,free\n3,Linus,2025-03-20,plus\n',
    'models/staging/stg_customers.sql': `select
    id as customer_id,
    name,
    cast(signed_up_at as date) as signed_up_on,
    plan
from {{ ref('customers') }}
`,
    'models/marts/customers_by_plan.sql': `{{ config(materialized='table') }}

select plan, count(*) as customers
from {{ ref('stg_customers') }}
group by plan
`,
    'models/schema.yml': `version: 2

models:
  - name: stg_customers
    description: One row per customer.
    columns:
      - name: customer_id
        tests: [unique, not_null]
      - name: plan
        tests:
          - accepted_values:
              values: ['free', 'plus', 'pro']
  - name: customers_by_plan
    columns:
      - name: plan
        tests: [unique]
`,
    'macros/.gitkeep': '',
    'snapshots/.gitkeep': '',
    'tests/.gitkeep': '',
    'analyses/.gitkeep': '',
  };
}

/** `basin init <dir>`: scaffolds a working project in a new or empty folder. */
export async function runInit(dir: string, io: CliIo, options: { json?: boolean | undefined } = {}): Promise<number> {
  const root = path.resolve(io.cwd, dir);
  const name = path.basename(root).toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^([^a-z_])/, '_$1');
  let entries: string[] = [];
  try {
    await access(root);
    entries = await readdir(root);
  } catch {
    entries = [];
  }
  if (entries.length > 0) {
    throw new BasinError('USAGE', `${root} is not empty; basin init needs a new or empty folder`);
  }
  for (const [file, content] of Object.entries(scaffold(name))) {
    const full = path.join(root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  if (options.json) io.stdout.write(`${JSON.stringify({ project: name, path: root, files: Object.keys(scaffold(name)) })}\n`);
  else io.stdout.write(`Created project '${name}' in ${root}\nNext: basin build --project ${dir}\n`);
  return EXIT_OK;
}
