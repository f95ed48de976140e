#!/usr/bin/env node
/**
 * Activation delivery benchmark (uses the built dist/ and bin/: run `npm run build` first).
 *
 * `basin activate` sends N rows (default 2,000) in batches of 10 to the sandbox's
 * webhook receiver, with the sync's rate limit set to R requests per second
 * (default 20). The receiver's log gives each request's arrival time; the
 * script prints the most requests seen in any sliding 1-second window
 * (target: never more than R), the requests made, and the elapsed time
 * (ideal: about N / 10 / R seconds after the first burst of R).
 *
 *   node bench/activation-delivery.mjs [--rows 2000] [--rate 20] [--batch 10]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startSandbox } = await import(path.join(root, 'dist/sandbox/start-sandbox.js'));
const { createWebhookFake } = await import(path.join(root, 'dist/sandbox/webhook/webhook-fake.js'));
const { main } = await import(path.join(root, 'dist/bundle/main.js'));

const argv = process.argv.slice(2);
const arg = (name, def) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const rows = arg('rows', 2000);
const rate = arg('rate', 20);
const batch = arg('batch', 10);

let fake;
const arrivals = [];
const sandbox = await startSandbox({
  vendors: [
    (c) => {
      fake = createWebhookFake(c);
      const handle = fake.handle.bind(fake);
      fake.handle = (request) => {
        arrivals.push(performance.now());
        return handle(request);
      };
      return fake;
    },
  ],
});
const dir = mkdtempSync(path.join(tmpdir(), 'basin-bench-delivery-'));
const write = (file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
write('basin.yml', 'name: delivery\nwarehouse: { type: duckdb, path: wh.duckdb }\n');
write('seeds/accounts.csv', ['id,name', ...Array.from({ length: rows }, (_, i) => `${i + 1},account ${i + 1}`)].join('\n') + '\n');
write('destinations/hook.yml', `type: webhook\nconfig:\n  url: ${sandbox.baseUrl('webhook')}/accounts\n`);
write('syncs/accounts_out.yml', `model: accounts\ndestination: hook\nobject: account\nkey: id\nmapping:\n  name: name\nbatch_size: ${batch}\nrate_limit: { requests: ${rate}, per_seconds: 1 }\n`);

const quiet = { write: () => true };
const io = { stdout: quiet, stderr: quiet, cwd: dir };
if ((await main(['seed', '--project', dir], io)) !== 0) throw new Error('seed failed');
arrivals.length = 0;
const started = performance.now();
const code = await main(['activate', '--project', dir], io);
const elapsed = (performance.now() - started) / 1000;
let worst = 0;
for (let i = 0, j = 0; i < arrivals.length; i++) {
  while (arrivals[i] - arrivals[j] >= 1000) j++;
  worst = Math.max(worst, i - j + 1);
}
const accepted = fake.acceptedRows('accounts').length;
console.log(`rows ${rows}, batch ${batch}, rate limit ${rate}/s: exit ${code}, ${arrivals.length} requests, ${accepted} rows accepted`);
console.log(`most requests in any 1 s window: ${worst} (limit ${rate})`);
console.log(`activate took ${elapsed.toFixed(2)} s (ideal about ${((arrivals.length - rate) / rate).toFixed(1)} s after the first burst, plus the diff)`);
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
if (worst > rate || accepted !== rows) process.exitCode = 1;
