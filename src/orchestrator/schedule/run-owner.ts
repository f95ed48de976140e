/**
 * Who runs a run: the `owner` text of runs, and finding the runs of local
 * processes that died. A server's owner is `<host>:<pid>:<instance>`, a CLI
 * run's `cli:<host>:<pid>`. After a `kill -9` and a quick restart, the dead
 * server's heartbeat is not stale yet, but its process is gone: those runs
 * are marked interrupted at once instead of after the stale period.
 */
import type { RunStore } from '../run-store/run-store.js';

/** The owner of a server instance. */
export function serverOwner(host: string, pid: number, instance: string): string {
  return `${host}:${pid}:${instance}`;
}

/** The owner of a CLI run. */
export function cliOwner(host: string, pid: number): string {
  return `cli:${host}:${pid}`;
}

/** Host and pid of an owner written by serverOwner or cliOwner; undefined for any other text. */
export function ownerProcess(owner: string): { host: string; pid: number } | undefined {
  const cli = /^cli:(.+):(\d+)$/.exec(owner);
  if (cli) return { host: cli[1] ?? '', pid: Number(cli[2]) };
  const server = /^(.+):(\d+):([^:]+)$/.exec(owner);
  if (server) return { host: server[1] ?? '', pid: Number(server[2]) };
  return undefined;
}

/**
 * Marks interrupted the queued or running runs whose owner is a process on
 * `host` that is no longer alive (`isAlive(pid)` false), except `self`.
 * Returns the number of runs marked.
 */
export async function interruptDeadLocalOwners(store: RunStore, host: string, isAlive: (pid: number) => boolean, self?: string): Promise<number> {
  const owners = new Set<string>();
  let before: string | undefined;
  do {
    const page = await store.listRuns({ status: ['queued', 'running'], limit: 500, ...(before ? { before } : {}) });
    for (const run of page.runs) if (run.owner !== undefined) owners.add(run.owner);
    before = page.nextCursor;
  } while (before !== undefined);
  let marked = 0;
  for (const owner of owners) {
    if (owner === self) continue;
    const proc = ownerProcess(owner);
    if (!proc || proc.host !== host || isAlive(proc.pid)) continue;
    marked += await store.markInterrupted({ owner, error: { code: 'INTERRUPTED', message: `the process running this run (pid ${proc.pid} on ${host}) stopped before it finished` } });
  }
  return marked;
}

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
