import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { createMemoryLogger } from '../../core/logger.js';
import { channelWants, parseAlertChannels } from './alert-channels.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { alertPayload } from './alert-payload.js';
import type { Alert } from './alert.js';

const alert: Alert = {
  event: 'run_failed',
  title: 'Job nightly failed: 1 of 3 asset(s) failed',
  job: 'nightly',
  runId: 'r-1',
  link: 'https://basin.example.com/api/runs/r-1',
  assets: [{ key: 'model:fct_<mrr>', status: 'failed', detail: 'x'.repeat(900) }],
  at: new Date('2026-11-28T05:00:00Z'),
};

describe('alert channels', () => {
  it('parses channels with defaults and filters by event and job', () => {
    const [slack, json] = parseAlertChannels({
      team: { webhook: 'https://hooks.slack.com/services/T/B/x', jobs: 'nightly' },
      machines: { webhook: 'http://127.0.0.1:9/x', format: 'json', on: ['freshness_warn', 'freshness_error'] },
    });
    expect(slack).toMatchObject({ name: 'team', format: 'slack', jobs: ['nightly'] });
    expect([...slack!.on]).toEqual(['run_failed', 'freshness_error']);
    expect(channelWants(slack!, 'run_failed', 'nightly')).toBe(true);
    expect(channelWants(slack!, 'run_failed', 'hourly')).toBe(false);
    expect(channelWants(slack!, 'freshness_error')).toBe(true);
    expect(channelWants(slack!, 'freshness_warn')).toBe(false);
    expect(channelWants(json!, 'run_failed', 'nightly')).toBe(false);
  });

  it('names the key of a bad channel', () => {
    expect(() => parseAlertChannels({ team: { webhook: 'not a url' } })).toThrow(ConfigError);
    expect(() => parseAlertChannels({ team: { webhook: 'not a url' } })).toThrow(/alerts\.team\.webhook/);
    expect(() => parseAlertChannels({ team: { webhook: 'https://x', on: ['run_exploded'] } })).toThrow(/alerts\.team\.on/);
  });
});

describe('alert payload', () => {
  it('is Slack-compatible: text, escaped mrkdwn blocks with a link, clipped details, and Basin\'s object', () => {
    const body = alertPayload(alert, 'slack') as { text: string; blocks: Array<{ type: string; text?: { text: string } }>; basin: Record<string, unknown> };
    expect(body.text).toBe(':rotating_light: Job nightly failed: 1 of 3 asset(s) failed: model:fct_&lt;mrr&gt; <https://basin.example.com/api/runs/r-1|open the run>');
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(body.blocks[1]!.text!.text.length).toBeLessThan(560);
    expect(body.basin).toMatchObject({ event: 'run_failed', job: 'nightly', run_id: 'r-1', at: '2026-11-28T05:00:00.000Z' });
    expect(alertPayload(alert, 'json')).toEqual(body.basin);
  });
});

describe('AlertDispatcher', () => {
  const hits: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  let base = '';
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({ path: pathname, headers: req.headers });
    req.resume();
    const n = hits.filter((h) => h.path === pathname).length;
    if (pathname === '/flaky' && n < 3) res.writeHead(n === 1 ? 503 : 429, { 'retry-after': '0' }).end();
    else if (pathname === '/gone') res.writeHead(404).end();
    else res.writeHead(200).end('ok');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('logs every alert, retries 429 and 5xx, gives up on 4xx, and never logs a webhook URL', async () => {
    const logger = createMemoryLogger();
    const channel = (name: string, path: string) => ({ name, webhook: `${base}${path}?token=sekrit`, format: 'slack' as const, on: new Set(['run_failed' as const]) });
    const dispatcher = new AlertDispatcher({ channels: [channel('flaky', '/flaky'), channel('gone', '/gone'), channel('nowhere', ''), { ...channel('json', '/ok'), on: new Set(['freshness_warn' as const]) }], logger, backoffMs: 10 });
    const deliveries = await dispatcher.notify({ ...alert });
    expect(deliveries.map((d) => [d.channel, d.delivered, d.attempts])).toEqual([
      ['flaky', true, 3],
      ['gone', false, 1],
      ['nowhere', true, 1],
    ]);
    expect(hits.filter((h) => h.path.startsWith('/gone'))).toHaveLength(1);
    expect(hits[0]!.headers['content-type']).toBe('application/json');
    const unreachable = new AlertDispatcher({ channels: [{ ...channel('down', ''), webhook: 'http://127.0.0.1:1/hook?token=sekrit' }], logger, backoffMs: 1, attempts: 2 });
    expect(await unreachable.notify(alert)).toEqual([{ channel: 'down', delivered: false, attempts: 2, error: expect.stringMatching(/^network error/) }]);
    expect(logger.entries.filter((e) => e.message.startsWith('ALERT '))).toHaveLength(2);
    expect(logger.entries.some((e) => e.message === 'alert channel gone: delivery failed (HTTP 404)')).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain('sekrit');
  });
});
