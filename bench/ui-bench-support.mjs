/**
 * What the UI benchmarks share: a generated project of N models in L layers
 * (each model reading 1-3 models of earlier layers, layer 0 the dbt sources
 * of 4 `files` connections, a not_null test on every 4th model), `basin
 * serve` on it with its printed API token, headless Chromium, and a median.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(dir, { models, layers, name: projectName = 'ui_bench' }) {
  const rand = prng(7);
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('basin.yml', `name: ${projectName}\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n`);
  const sources = [];
  for (const c of ['shop', 'billing', 'crm', 'events']) {
    const streams = ['a', 'b', 'c'].map((s) => `${c}_${s}`);
    write(`sources/${c}.yml`, `type: files\nschema: ${c}\nstreams:\n${streams.map((s) => `  ${s}:\n    path: data/${s}.csv\n`).join('')}`);
    for (const s of streams) {
      write(`data/${s}.csv`, 'id,amount\n1,10\n');
      sources.push([c, s]);
    }
  }
  const perLayer = Math.ceil(models / layers);
  const name = (i) => `m${String(i).padStart(4, '0')}`;
  const tested = [];
  for (let i = 0; i < models; i++) {
    const layer = Math.floor(i / perLayer);
    const reads = new Set();
    const n = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < n; j++) {
      if (layer === 0) {
        const [c, s] = sources[Math.floor(rand() * sources.length)];
        reads.add(`{{ source('${c}', '${s}') }}`);
      } else {
        const from = Math.max(0, layer - 1 - Math.floor(rand() * 2)) * perLayer;
        reads.add(`{{ ref('${name(from + Math.floor(rand() * perLayer))}') }}`);
      }
    }
    const [first, ...rest] = [...reads];
    write(`models/l${layer}/${name(i)}.sql`, `select t0.id, t0.amount from ${first} t0${rest.map((r, k) => ` join ${r} t${k + 1} using (id)`).join('')}\n`);
    if (i % 4 === 0) tested.push(name(i));
  }
  const bySource = new Map();
  for (const [c, s] of sources) bySource.set(c, [...(bySource.get(c) ?? []), s]);
  write(
    'models/schema.yml',
    `version: 2\nsources:\n${[...bySource].map(([c, ts]) => `  - name: ${c}\n    tables:\n${ts.map((t) => `      - name: ${t}\n`).join('')}`).join('')}models:\n${tested
      .map((m) => `  - name: ${m}\n    columns:\n      - name: id\n        tests: [not_null]\n`)
      .join('')}`,
  );
}

export function startServe(dir) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'basin.js'), 'serve', '--project', dir, '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr.on('data', (c) => (err += c.toString()));
  child.stdout.on('data', (c) => (out += c.toString()));
  const url = new Promise((resolve, reject) => {
    child.stderr.on('data', () => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`basin serve exited (${code}):\n${err}`)));
  });
  return { child, url, output: () => `${out}\n${err}` };
}

/** The token the server prints on its first start ("API token (shown once): ..."). */
export function printedToken(output) {
  return /API token \(shown once\):\s*(\S+)/.exec(output)?.[1];
}

/** The token `basin serve` printed, when its API wants one (waits up to 5 s for the line). */
export async function serverToken(base, server) {
  const needs = (await fetch(`${base}/api/catalog`)).status === 401;
  let token;
  for (let i = 0; needs && !token && i < 50; i++) {
    token = printedToken(server.output());
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  if (needs && !token) throw new Error(`the server wants a token and printed none this script recognises:\n${server.output()}`);
  return token;
}

/** Headless Debian Chromium as the browser tests run it. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Stops a server started by startServe (nothing to do when it already exited). */
export async function stopServe(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

/** The line naming the machine, Node and the date, printed under every UI bench's figures. */
export function machineLine() {
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Closes the browser, stops the server and removes the generated project (each only if it was started). */
export async function tearDown({ browser, server, dir }) {
  await browser?.close();
  if (server) await stopServe(server);
  rmSync(dir, { recursive: true, force: true });
}
