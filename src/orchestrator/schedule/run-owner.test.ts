import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.js';
import { cliOwner, interruptDeadLocalOwners, ownerProcess, processAlive, serverOwner } from './run-owner.js';

describe('run owners', () => {
  const temp = tempProjects('basin-owner-');
  afterAll(() => temp.cleanup());

  it('parses the owners servers and CLI runs write', () => {
    expect(ownerProcess(serverOwner('box-1.local', 4242, 'ab12cd34'))).toEqual({ host: 'box-1.local', pid: 4242 });
    expect(ownerProcess(cliOwner('box-1', 77))).toEqual({ host: 'box-1', pid: 77 });
    expect(ownerProcess('server-a')).toBeUndefined();
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });

  it('marks interrupted only the runs of dead processes on this host', async () => {
    const store = await createSqliteRunStore({ path: path.join(await temp.project({}), 'runs.sqlite'), logger: silentLogger });
    await store.migrate();
    const dead = serverOwner('here', 111, 'x');
    const alive = serverOwner('here', 222, 'y');
    const elsewhere = serverOwner('there', 111, 'z');
    const me = serverOwner('here', 333, 'me');
    const ids: Record<string, string> = {};
    for (const [name, owner] of Object.entries({ dead, alive, elsewhere, me, cli: cliOwner('here', 111), unknown: 'someone' })) {
      ids[name] = (await store.createRun({ selector: ['x'], trigger: 'manual', status: 'running', startedAt: new Date(), owner })).id;
    }
    const marked = await interruptDeadLocalOwners(store, 'here', (pid) => pid === 222, me);
    expect(marked).toBe(2);
    const status = async (name: string) => (await store.getRun(ids[name]!))?.status;
    expect([await status('dead'), await status('cli'), await status('alive'), await status('elsewhere'), await status('me'), await status('unknown')]).toEqual([
      'interrupted',
      'interrupted',
      'running',
      'running',
      'running',
      'running',
    ]);
    expect((await store.getRun(ids['dead']!))?.error?.message).toContain('pid 111 on here');
    await store.close();
  });
});
