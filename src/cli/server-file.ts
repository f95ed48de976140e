/**
 * `.basin/server.json`: how CLI commands find the `basin serve` running on
 * their project, and the server's per-process API token they authenticate
 * with. Written (mode 0600) when the server listens, removed when it stops; a
 * file left by a killed server is ignored when its process is gone or its
 * health check does not answer.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../orchestrator/schedule/run-owner.js';

export interface ServerFile {
  pid: number;
  /** Base URL, e.g. `http://127.0.0.1:4260`. */
  url: string;
  startedAt: string;
  /** The server's "local-cli" API token (valid while that process runs); absent in files of older servers. */
  token?: string | undefined;
}

export function serverFilePath(projectDir: string): string {
  return path.join(projectDir, '.basin', 'server.json');
}

export async function writeServerFile(projectDir: string, file: ServerFile): Promise<void> {
  await mkdir(path.dirname(serverFilePath(projectDir)), { recursive: true });
  const target = serverFilePath(projectDir);
  // The file holds a token: readable by its owner only (chmod too, for a file an older server wrote).
  await writeFile(target, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await chmod(target, 0o600);
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export async function removeServerFile(projectDir: string, pid: number): Promise<void> {
  const current = await readServerFile(projectDir);
  if (current?.pid === pid) await rm(serverFilePath(projectDir), { force: true });
}

async function readServerFile(projectDir: string): Promise<ServerFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(serverFilePath(projectDir), 'utf8')) as Partial<ServerFile>;
    if (typeof parsed.pid !== 'number' || typeof parsed.url !== 'string') return undefined;
    return { pid: parsed.pid, url: parsed.url, startedAt: String(parsed.startedAt ?? ''), ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}) };
  } catch {
    return undefined;
  }
}

/** The server running on this project: its file, its process alive, and its health check answering within 2 s. */
export async function findRunningServer(projectDir: string): Promise<ServerFile | undefined> {
  const file = await readServerFile(projectDir);
  if (!file || !processAlive(file.pid)) return undefined;
  try {
    const res = await fetch(`${file.url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? file : undefined;
  } catch {
    return undefined;
  }
}
