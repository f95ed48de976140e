import { Logging } from '@google-cloud/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, sandboxServiceAccountKey } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { createLoggingFake } from './logging-fake.js';

let sandbox: Sandbox;
let logging: Logging;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2, scale: 0.5, vendors: [(c) => createGoogleOAuthFake(c), (c) => createLoggingFake(c)] });
  const url = new URL(sandbox.url);
  // The REST transport (fallback: 'rest') sends POST {protocol}://{apiEndpoint}:{port}/v2/entries:list: the fake's root path.
  logging = new Logging({
    projectId: 'basin-sandbox',
    apiEndpoint: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    fallback: 'rest',
    credentials: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')),
  } as ConstructorParameters<typeof Logging>[0]);
});
afterAll(async () => {
  await sandbox.close();
});

/** insertIds of a direct entries.list call. */
async function direct(filter: string, orderBy: string): Promise<string[]> {
  const token = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/logging.read'], Date.now());
  const out: string[] = [];
  let pageToken: string | undefined;
  do {
    const res = await fetch(`${sandbox.baseUrl('logging')}/v2/entries:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resourceNames: ['projects/basin-sandbox'], filter, orderBy, pageSize: 1000, pageToken }),
    });
    const body = (await res.json()) as { entries?: Array<{ insertId: string }>; nextPageToken?: string };
    out.push(...(body.entries ?? []).map((e) => e.insertId));
    pageToken = body.nextPageToken;
  } while (pageToken);
  return out;
}

// The client adds a 24-hour window on the wall clock unless the filter names a timestamp; the sandbox runs on its own clock.
const since = (hours: number) => `timestamp>="${new Date(sandbox.clock.now() - hours * 3600_000).toISOString()}"`;

describe('official @google-cloud/logging client (REST fallback)', () => {
  it('lists entries with getEntries (auto-paginated, newest first) as entries.list serves them', async () => {
    const filter = `${since(12)} AND severity>=WARNING`;
    const [entries] = await logging.getEntries({ filter });
    const want = await direct(filter, 'timestamp desc');
    expect(want.length).toBeGreaterThan(50); // more than one page of the default size
    expect(entries.map((e) => e.metadata.insertId)).toEqual(want);
    const error = entries.find((e) => e.metadata.logName?.endsWith('stderr'))!;
    expect(typeof error.data).toBe('string');
    expect(String(error.data)).toMatch(/\n {4}at /);
    const request = entries.find((e) => e.metadata.httpRequest)!;
    expect(request.metadata.resource?.type).toBe('cloud_run_revision');
    expect(Number(request.metadata.httpRequest?.status)).toBeGreaterThanOrEqual(400);
  });

  it('decodes jsonPayload into data and reads one log', async () => {
    const log = logging.log('run.googleapis.com%2Fstdout');
    const [entries] = await log.getEntries({ filter: `${since(2)}`, autoPaginate: false, pageSize: 5 });
    expect(entries).toHaveLength(5);
    for (const e of entries) {
      expect(e.metadata.logName).toBe('projects/basin-sandbox/logs/run.googleapis.com%2Fstdout');
      expect(Object.keys(e.data as object).sort()).toEqual(['event', 'message', 'organizationId', 'plan', 'userId']);
    }
  });

  it('surfaces a bad filter as the 400 INVALID_ARGUMENT body', async () => {
    // With the REST transport this client version rethrows the HTTP error (gaxios) rather than a gRPC-coded GoogleError.
    const failure = logging.getEntries({ filter: `${since(1)} AND severity>=`, autoPaginate: false });
    await expect(failure).rejects.toMatchObject({ status: 400 });
    await expect(failure).rejects.toThrow(/INVALID_ARGUMENT/);
  });
});
