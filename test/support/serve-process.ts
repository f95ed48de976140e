import { Writable } from 'node:stream';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './cli-harness.js';

/** A `basin serve` running in its own process (the built CLI), as a user starts it. */
export interface ServeProcess {
  url: string;
  /** The server's local API token (from .basin/server.json); `api(url, ...)` sends it by itself. */
  token: string;
  pid: number;
  child: ChildProcess;
  stderr(): string;
  stdout(): string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
}

/** Starts `basin serve --port 0 <args>` in `dir` (with `env`) and waits until it listens. */
export async function startServeProcess(dir: string, args: string[] = [], timeoutMs = 30_000, env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'basin.js'), 'serve', '--project', dir, '--port', '0', ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`basin serve did not start within ${timeoutMs} ms:\n${err}`)), timeoutMs);
    const check = (): void => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stderr?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`basin serve exited (${String(code)}) before listening:\n${err}`));
    });
  });
  const token = await serverToken(dir, url);
  return { url, token, pid: child.pid ?? 0, child, stderr: () => err, stdout: () => out, exited };
}

/** API tokens of the servers the helpers here started, by base URL, so `api()` authenticates by itself. */
const tokens = new Map<string, string>();

/**
 * The local API token of the server listening on `url` for the project in
 * `dir`: the one it wrote to .basin/server.json before it printed its URL
 * (see src/server/auth/README.md). Remembered for `api()`.
 */
export async function serverToken(dir: string, url: string): Promise<string> {
  const file = JSON.parse(await readFile(path.join(dir, '.basin', 'server.json'), 'utf8')) as { url?: string; token?: string };
  if (file.url !== url || !file.token) throw new Error(`.basin/server.json in ${dir} is not the server on ${url}`);
  tokens.set(url, file.token);
  return file.token;
}

/** Polls `probe` every 100 ms until it returns a value. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** GET or POST JSON against a server, with its token (default: the one `serverToken` found for `base`; null: none). */
export async function api<T = Record<string, unknown>>(base: string, pathname: string, body?: unknown, token?: string | null): Promise<{ status: number; body: T }> {
  const bearer = token === null ? undefined : (token ?? tokens.get(base));
  const headers: Record<string, string> = { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${base}${pathname}`, body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * CLI streams for an in-process `basin serve` (or demo): stdout and stderr
 * kept (stderr has the URL). `url()` waits for the URL and learns the
 * server's token from `<projectDir>/.basin/server.json` (so `api()` sends
 * it); `token()` is that token.
 */
export function serverIo(cwd: string, projectDir = cwd): {
  io: { cwd: string; stdout: Writable; stderr: Writable };
  stderr: () => string;
  stdout: () => string;
  url: () => Promise<string>;
  token: () => Promise<string>;
} {
  let text = '';
  let out = '';
  const io = {
    cwd,
    stdout: new Writable({
      write(chunk: Buffer, _e, done) {
        out += chunk.toString();
        done();
      },
    }),
    stderr: new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
  };
  const url = async (): Promise<string> => {
    const base = await until('the server', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1], 120_000);
    await serverToken(projectDir, base);
    return base;
  };
  return { io, stderr: () => text, stdout: () => out, url, token: async () => serverToken(projectDir, await url()) };
}
