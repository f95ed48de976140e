#!/usr/bin/env node
/**
 * Two `basin serve` processes sharing one Postgres run store (and a Postgres
 * warehouse), one job on a one-minute schedule, for 10 minutes (issue #5):
 * every tick must run exactly once, shared between the servers. Prints the
 * ticks, which server ran each, duplicates and gaps. Loopback only.
 *
 *   npm run build && node bench/two-servers-soak.mjs [--minutes 10] [--cron "* * * * *"]
 *
 * Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth); uses and
 * drops its own schemas.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const minutes = Number(opt('--minutes', '10'));
const cron = opt('--cron', '* * * * *');
const suffix = `${Date.now().toString(36)}_${process.pid}`;
const runsSchema = `soak_runs_${suffix}`;
const whSchema = `soak_wh_${suffix}`;

const dir = await mkdtemp(path.join(tmpdir(), 'basin-soak-'));
const files = {
  'basin.yml': [
    'name: soak',
    'warehouse: { type: postgres, host: 127.0.0.1, port: 5432, user: postgres, database: postgres }',
    `schema: ${whSchema}`,
    `run_store: { type: postgres, host: 127.0.0.1, port: 5432, user: postgres, database: postgres, schema: ${runsSchema} }`,
    'server: { freshness_check: "off" }',
    'jobs:',
    `  tick: { select: tick_model, schedule: "${cron}" }`,
    '',
  ].join('\n'),
  'models/tick_model.sql': 'select now() as built_at\n',
};
for (const [name, text] of Object.entries(files)) {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), text);
}

function serve(label) {
  const child = spawn(process.execPath, [path.join(root, 'bin/basin.js'), 'serve', '--project', dir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c.toString()));
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(sig ?? code)));
  return { label, child, exited, stderr: () => err };
}

const started = new Date();
const servers = [serve('A'), serve('B')];
console.log(`two servers (pids ${servers.map((s) => s.child.pid).join(', ')}), job "${cron}", ${minutes} min, run store schema ${runsSchema}`);
await new Promise((r) => setTimeout(r, minutes * 60_000));
for (const s of servers) s.child.kill('SIGTERM');
const codes = await Promise.all(servers.map((s) => s.exited));
const finished = new Date();

const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
await client.connect();
const { rows } = await client.query(
  `select scheduled_for, owner, status, error from "${runsSchema}".runs where job = 'tick' order by scheduled_for`,
);
const byTick = new Map();
for (const r of rows) {
  const key = r.scheduled_for.toISOString();
  byTick.set(key, [...(byTick.get(key) ?? []), r]);
}
const duplicates = [...byTick.values()].filter((v) => v.length > 1).length;
const ticks = [...byTick.keys()];
const stepMs = ticks.length > 1 ? Date.parse(ticks[1]) - Date.parse(ticks[0]) : 60_000;
let gaps = 0;
for (let i = 1; i < ticks.length; i++) if (Date.parse(ticks[i]) - Date.parse(ticks[i - 1]) !== stepMs) gaps++;
const owners = new Map();
for (const r of rows) {
  const pid = r.owner?.split(':')[1] ?? '?';
  owners.set(pid, (owners.get(pid) ?? 0) + 1);
}
const statuses = new Map();
for (const r of rows) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
// Ticks strictly inside the window (the first server must be up; the last may be cut by SIGTERM).
const expected = Math.floor((finished - started) / stepMs);
console.log(`window ${started.toISOString()} .. ${finished.toISOString()}`);
console.log(`ticks run: ${ticks.length} (about ${expected} due), duplicates: ${duplicates}, gaps: ${gaps}`);
console.log(`statuses: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
console.log(`runs per server pid: ${[...owners].map(([p, n]) => `${p}: ${n}`).join(', ')}`);
console.log(`servers exited: ${codes.join(', ')}`);
await client.query(`drop schema if exists "${runsSchema}" cascade`);
await client.query(`drop schema if exists "${whSchema}" cascade`);
await client.end();
await rm(dir, { recursive: true, force: true });
if (duplicates > 0 || gaps > 0 || codes.some((c) => c !== 0)) process.exitCode = 1;
