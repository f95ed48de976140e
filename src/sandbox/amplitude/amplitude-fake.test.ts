import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../duration.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { amplitudeAuth, exportGet, type ExportResult } from '../test-support/amplitude-export-get.js';
import { AMPLITUDE_SANDBOX_API_KEY, createAmplitudeFake } from './amplitude-fake.js';
import { eventsUploadedBetween } from './amplitude-activity.js';
import { exportable, formatHour } from './amplitude-export.js';

type Obj = Record<string, unknown>;
let sandbox: Sandbox;
let base: string;
let history: Obj[] = [];
let historyAt = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, scale: 0.25, vendors: [(c) => createAmplitudeFake(c, { eventsPerFile: 3 })] });
  base = sandbox.baseUrl('amplitude');
  // The whole history, in three requests of at most 365 days (2024 has 366).
  historyAt = sandbox.clock.now();
  const parts = await Promise.all([
    exportGet(base, '20230101T00', '20231231T23'),
    exportGet(base, '20240101T00', '20241230T23'),
    exportGet(base, '20241231T00', '20241231T23'),
  ]);
  for (const p of parts) expect(p.status).toBe(200);
  history = parts.flatMap((p) => p.events);
});
afterAll(async () => {
  await sandbox.close();
});

const ms = (t: unknown): number => Date.parse(`${String(t).replace(' ', 'T')}Z`);

describe('Amplitude fake: auth and parameters', () => {
  it('401 without basic auth or with a wrong secret, as plain text with a Date header', async () => {
    const none = await exportGet(base, '20241201T00', '20241201T01', '');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/text\/plain/);
    const wrong = await exportGet(base, '20241201T00', '20241201T01', amplitudeAuth(AMPLITUDE_SANDBOX_API_KEY, 'nope'));
    expect(wrong.status).toBe(401);
    expect(Date.parse(wrong.headers.get('date') ?? '')).toBe(sandbox.clock.now());
  });

  it('400 for missing, malformed or reversed hours and ranges over 365 days; 404 without data', async () => {
    expect((await exportGet(base, '', '20241201T01')).status).toBe(400);
    expect((await exportGet(base, '2024-12-01', '20241201T01')).status).toBe(400);
    expect((await exportGet(base, '20241301T00', '20241201T01')).status).toBe(400);
    expect((await exportGet(base, '20241201T24', '20241201T01')).status).toBe(400);
    expect((await exportGet(base, '20241202T00', '20241201T01')).status).toBe(400);
    const long = await exportGet(base, '20230101T00', '20240101T00');
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/365 days/);
    expect((await exportGet(base, '20231231T01', '20241229T23')).status).toBe(200);
    const none = await exportGet(base, '20200101T00', '20200102T00');
    expect(none.status).toBe(404);
    expect(none.text).toBe('Raw data files were not found.');
    expect((await exportGet(base, '20250101T00', '20250105T00')).status).toBe(404);
    // One-digit hours are accepted, as by Amplitude.
    expect([200, 404]).toContain((await exportGet(base, '20241201T5', '20241201T9')).status);
  });

  it('400 when the archive exceeds the size limit', async () => {
    const small = await startSandbox({ seed: 7, scale: 0.25, vendors: [(c) => createAmplitudeFake(c, { maxBytes: 2000 })] });
    try {
      const r = await exportGet(small.baseUrl('amplitude'), '20241101T00', '20241231T23');
      expect(r.status).toBe(400);
      expect(r.text).toMatch(/smaller time range/);
    } finally {
      await small.close();
    }
  });
});

describe('Amplitude fake: archive', () => {
  it('is a zip of gzipped NDJSON files named <project>/<project>_<date>_<hour>#<n>.json.gz, bucketed by upload hour', async () => {
    const r = await exportGet(base, '20241101T00', '20241130T23');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(r.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const project = sandbox.vendors[0]?.credentials['project_id'];
    expect(r.files.size).toBeGreaterThan(5);
    const perHour = new Map<string, number>();
    for (const [name, events] of r.files) {
      const m = /^(\d+)\/(\d+)_(\d{4}-\d{2}-\d{2})_(\d{1,2})#(\d+)\.json\.gz$/.exec(name);
      expect(m, name).not.toBeNull();
      expect(m?.[1]).toBe(project);
      expect(m?.[2]).toBe(project);
      const hour = Date.parse(`${m?.[3]}T${String(m?.[4]).padStart(2, '0')}:00:00Z`);
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(3);
      for (const e of events) {
        expect(ms(e['server_upload_time'])).toBeGreaterThanOrEqual(hour);
        expect(ms(e['server_upload_time'])).toBeLessThan(hour + HOUR);
        expect(ms(e['server_upload_time'])).toBeGreaterThanOrEqual(ms(e['event_time']));
        expect(e['app']).toBe(Number(project));
      }
      const key = `${m?.[3]}_${m?.[4]}`;
      expect(Number(m?.[5])).toBe(perHour.get(key) ?? 0);
      perHour.set(key, (perHour.get(key) ?? 0) + 1);
    }
    expect([...perHour.values()].some((n) => n > 1)).toBe(true);
    const first = r.events[0] as Obj;
    for (const f of ['uuid', '$insert_id', 'event_id', 'event_type', 'event_time', 'client_event_time', 'server_upload_time', 'server_received_time', 'user_id', 'device_id', 'amplitude_id', 'session_id', 'event_properties', 'user_properties', 'groups', 'group_properties', 'platform', 'os_name', 'country', 'city', 'language', 'app', 'library', 'data']) {
      expect(first, f).toHaveProperty(f);
    }
    expect(String(first['event_time'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it('serves every user of the company: one sign_up each, user ids and org ids from the company, a start_trial per paying organization', () => {
    const company = sandbox.company;
    const settled = historyAt - DAY; // every event of a user who joined before this is uploaded and loaded
    const signups = new Map<string, Obj>();
    for (const e of history.filter((x) => x['event_type'] === 'sign_up')) {
      expect(signups.has(String(e['user_id'])), 'one sign_up per user').toBe(false);
      signups.set(String(e['user_id']), e);
    }
    const trials = new Set<string>();
    for (const e of history.filter((x) => x['event_type'] === 'start_trial')) trials.add(`${String(e['user_id'])}|${String(e['client_event_time'])}`);
    let users = 0;
    let paying = 0;
    for (let i = 0; i < company.countAt(settled); i++) {
      const org = company.organization(i);
      if (org.paying) paying++;
      for (let k = 0; k < org.userCount; k++) {
        const user = company.user(i, k);
        if (user.createdAt >= settled) continue;
        users++;
        const e = signups.get(user.id);
        expect(e, `sign_up of ${i}/${k}`).toBeDefined();
        expect(e?.['groups']).toEqual({ org_id: org.id });
        expect(ms(e?.['event_time'])).toBe(user.createdAt + 5000);
        expect(e?.['event_properties']).toMatchObject({ invited: k > 0 });
        expect((e?.['user_properties'] as Obj)['email']).toBe(user.email);
      }
    }
    expect(users).toBeGreaterThan(500);
    expect([...signups.values()].filter((e) => ms(e['event_time']) < settled)).toHaveLength(users);
    expect(trials.size).toBe(paying);
  });

  it('has unique uuids and insert ids; backend events without insert id are sometimes delivered twice', () => {
    const uuids = new Set(history.map((e) => e['uuid']));
    expect(uuids.size).toBe(history.length);
    const sdk = history.filter((e) => e['$insert_id'] !== null);
    expect(new Set(sdk.map((e) => e['$insert_id'])).size).toBe(sdk.length);
    const backend = history.filter((e) => e['$insert_id'] === null);
    expect(backend.every((e) => e['library'] === 'http/2.0' && e['session_id'] === -1)).toBe(true);
    const byContent = new Map<string, number>();
    for (const e of backend) {
      const k = `${String(e['user_id'])}|${String(e['event_type'])}|${String(e['client_event_time'])}`;
      byContent.set(k, (byContent.get(k) ?? 0) + 1);
    }
    const twice = [...byContent.values()].filter((n) => n === 2).length;
    expect(twice).toBeGreaterThan(0);
    expect(twice).toBeLessThan(byContent.size / 2);
    expect([...byContent.values()].every((n) => n <= 2)).toBe(true);
  });

  it('is deterministic: the same request gives the same bytes, in another sandbox with the same seed too', async () => {
    const a = await exportGet(base, '20241201T00', '20241207T23');
    const b = await exportGet(base, '20241201T00', '20241207T23');
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const twin = await startSandbox({ seed: 7, scale: 0.25, vendors: [(c) => createAmplitudeFake(c, { eventsPerFile: 3 })] });
    try {
      const c = await exportGet(twin.baseUrl('amplitude'), '20241201T00', '20241207T23');
      expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    } finally {
      await twin.close();
    }
  });
});

describe('Amplitude fake: time', () => {
  it('recent hours fill in as the export loads them (2 hours), later hours appear as time moves', async () => {
    // Move to a time when some recently uploaded events are still loading (the model says which).
    const pending = (at: number): number => eventsUploadedBetween(sandbox.company, at - 3 * HOUR, at).filter((e) => e.upload < Math.floor(at / HOUR) * HOUR && !exportable(e, at)).length;
    for (let n = 0; n < 240 && pending(sandbox.clock.now()) === 0; n++) sandbox.advance({ hours: 1 });
    const now = sandbox.clock.now();
    const waiting = pending(now);
    expect(waiting).toBeGreaterThan(0);
    const from = formatHour(now - 12 * HOUR);
    const to = formatHour(now - HOUR);
    const before: ExportResult = await exportGet(base, from, to);
    const expected = eventsUploadedBetween(sandbox.company, now - 12 * HOUR, Math.floor(now / HOUR) * HOUR).filter((e) => exportable(e, now));
    expect(before.events.length).toBe(expected.length);
    sandbox.advance({ hours: 3 });
    const after = await exportGet(base, from, to);
    const old = new Set(before.events.map((e) => e['uuid']));
    const added = after.events.filter((e) => !old.has(e['uuid']));
    expect(after.events.length).toBe(before.events.length + added.length);
    expect(added.length).toBe(waiting);
    for (const e of added) expect(ms(e['server_upload_time'])).toBeGreaterThanOrEqual(now - 3 * HOUR);
    // Nothing after the clock; once loaded, an hour is stable.
    expect((await exportGet(base, formatHour(sandbox.clock.now()), formatHour(sandbox.clock.now() + 5 * HOUR))).status).toBe(404);
    expect((await exportGet(base, from, to)).bytes).toEqual(after.bytes);
    sandbox.advance({ days: 2 });
    const later = await exportGet(base, from, formatHour(now + 2 * DAY));
    expect(later.events.length).toBeGreaterThan(after.events.length);
    expect(Date.parse(later.headers.get('date') ?? '')).toBe(sandbox.clock.now());
  });

  it('renders injected faults as plain text: 429 with Retry-After, 504', async () => {
    sandbox.faults.set({ amplitude: { rateLimit: 1, retryAfterSeconds: 2 } });
    try {
      const r = await exportGet(base, '20241201T00', '20241201T01');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('2');
      sandbox.faults.set({ amplitude: { rateLimit: 0, serverError: 1 } });
      expect((await exportGet(base, '20241201T00', '20241201T01')).status).toBe(504);
    } finally {
      sandbox.faults.reset();
    }
  });

  it('malformed faults spoil one event of the archive with a wrong-typed field', async () => {
    const clean = await exportGet(base, '20241201T00', '20241207T23');
    sandbox.faults.set({ amplitude: { malformed: 1 } });
    try {
      const r = await exportGet(base, '20241201T00', '20241207T23');
      expect(r.events.length).toBe(clean.events.length);
      const spoiled = r.events.filter((e) => typeof e['amplitude_id'] !== 'number');
      expect(spoiled.map((e) => e['amplitude_id'])).toEqual(['corrupted']);
    } finally {
      sandbox.faults.reset();
    }
  });
});
