import { afterAll, describe, expect, it } from 'vitest';
import { tempProjects } from '../core/test-support/temp-projects.js';
import { loadDestinations } from './destinations-file.js';
import { loadSyncs } from './syncs-file.js';

describe('destinations/*.yml and syncs/*.yml', () => {
  const temp = tempProjects('basin-syncs-');
  afterAll(() => temp.cleanup());

  it('loads destinations with env resolved and syncs with their mapping', async () => {
    const root = await temp.project({
      'destinations/customerio.yml': 'type: customerio\nconfig:\n  site_id: ${env:CIO_SITE}\n  api_key: ${env:CIO_KEY}\n',
      'syncs/pqa_people.yml': [
        'model: pqa_accounts',
        'destination: customerio',
        'object: person',
        'key: org_id',
        'mapping:',
        '  email: email',
        '  mrr: { column: mrr, cast: number }',
        '  source: { constant: basin }',
        'rate_limit: { requests: 10 }',
        'tags: [growth]',
        '',
      ].join('\n'),
    });
    const env = { CIO_SITE: 'site-1', CIO_KEY: 'key-secret' };
    const [dest] = await loadDestinations({ rootDir: root, env });
    expect(dest).toMatchObject({ name: 'customerio', type: 'customerio', config: { site_id: 'site-1', api_key: 'key-secret' }, secretPaths: ['config.site_id', 'config.api_key'] });
    const [sync] = await loadSyncs({ rootDir: root, env });
    expect(sync).toMatchObject({
      name: 'pqa_people',
      model: 'pqa_accounts',
      destination: 'customerio',
      key: ['org_id'],
      mode: 'upsert',
      maxRemoveShare: 0.5,
      rateLimit: { requests: 10, perSeconds: 1 },
      tags: ['growth'],
      mapping: [
        { field: 'email', from: { kind: 'column', column: 'email' } },
        { field: 'mrr', from: { kind: 'column', column: 'mrr', cast: 'number' } },
        { field: 'source', from: { kind: 'constant', value: 'basin' } },
      ],
    });
  });

  it('names the file, line and key of a bad sync, and never echoes an env value', async () => {
    const root = await temp.project({
      'syncs/bad.yml': 'model: m\nsql: select 1\ndestination: x\nobject: o\nkey: id\nmapping:\n  a: { column: b, cast: money }\n',
      'destinations/leaky.yml': 'type: webhook\nconfig: ${env:SECRET_URL}\n',
    });
    await expect(loadSyncs({ rootDir: root, env: {} })).rejects.toThrow(/syncs\/bad\.yml:7.*mapping\.a/s);
    const err = (await loadDestinations({ rootDir: root, env: { SECRET_URL: 'https://hooks.example.com/very-secret' } }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/destinations\/leaky\.yml:2/);
    expect(err.message).not.toContain('very-secret');
  });
});
