import { Writable } from 'node:stream';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './cli-harness.js';

/** A `basin serve` running in its own process (the built CLI), as a user starts it. */
export interface ServeProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
}

/** Starts `basin serve --port 0 <args>` in `dir` and waits until it listens. */
export async function startServeProcess(dir: string, args: string[] = [], timeoutMs = 30_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'basin.js'), 'serve', '--project', dir, '--port', '0', ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
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
  return { url, pid: child.pid ?? 0, child, stderr: () => err, exited };
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

/** GET or POST JSON against a server. */
export async function api<T = Record<string, unknown>>(base: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${pathname}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as T };
}

/** CLI streams for an in-process `basin serve` (or demo): stdout dropped, stderr kept for the URL and messages. */
export function serverIo(cwd: string): { io: { cwd: string; stdout: Writable; stderr: Writable }; stderr: () => string; url: () => Promise<string> } {
  let text = '';
  const io = {
    cwd,
    stdout: new Writable({ write: (_c, _e, done) => done() }),
    stderr: new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
  };
  return { io, stderr: () => text, url: () => until('the server', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1], 120_000) };
}
