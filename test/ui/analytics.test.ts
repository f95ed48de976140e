import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFunnel, runRetention, runActiveUsers, type FunnelResult, type RetentionResult } from '../../src/analytics/index.js';
import { generateEvents, loadEvents, type FixtureEvent } from '../../src/analytics/test-support/events-fixture.js';
import { silentLogger } from '../../src/core/logger.js';
import { createDuckDbWarehouse } from '../../src/warehouse/duckdb/duckdb-warehouse.js';
import { readFilters } from '../../ui/pages/analytics/explorer-filters.js';
import { matcherLabel, pathSteps, percent } from '../../ui/pages/analytics/explorer-format.js';
import { activeRequest, breakdownColumns, funnelRequest, moveStep, readState, retentionRequest, stepsChanges, withParams } from '../../ui/pages/analytics/explorer-state.js';
import { launchChromium, openPage, screenshot } from './browser.js';
import { startBuiltServer, type UiServer } from './ui-server.js';

const EVENTS: FixtureEvent[] = generateEvents(11, 40);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const RANGE = { from: day(Math.min(...EVENTS.map((e) => e.ts))), to: day(Math.max(...EVENTS.map((e) => e.ts))) };
const sqlText = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

/** The fixture events as a model (a VALUES list): the same rows the reference warehouse loads. */
function eventsModel(): string {
  const rows = EVENTS.map(
    (e) => `(${sqlText(e.user)}, ${sqlText(e.event)}, ${sqlText(new Date(e.ts).toISOString().slice(0, 19).replace('T', ' '))}, ${sqlText(e.properties === null ? null : JSON.stringify(e.properties))}, ${sqlText(e.country)})`,
  );
  return [
    "{{ config(materialized='table') }}",
    'select user_id, event, cast(ts as timestamp) as ts, cast(properties as json) as properties, country',
    `from (values ${rows.join(',\n  ')}) as t(user_id, event, ts, properties, country)`,
    '',
  ].join('\n');
}

const PROJECT: Record<string, string> = {
  'basin.yml': ['name: ui_analytics', 'warehouse:', '  type: duckdb', '  path: wh.duckdb', 'analytics:', '  events:', '    relation: product_events', '    timestamp: ts', ''].join('\n'),
  'models/product_events.sql': eventsModel(),
};

/** The reference: src/analytics on the same events in an in-memory DuckDB. */
async function reference(): Promise<{ funnel: FunnelResult; byPlan: FunnelResult; retention: RetentionResult; days: number; filtered: FunnelResult; byCountry: FunnelResult; proRetention: RetentionResult }> {
  const wh = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
  try {
    const events = await loadEvents(wh, 'main', EVENTS);
    const steps = [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }];
    const funnel = await runFunnel(wh, events, { steps, windowSeconds: 7 * 86_400, order: 'sequential', range: RANGE });
    const byPlan = await runFunnel(wh, events, { steps, windowSeconds: 7 * 86_400, order: 'sequential', breakdown: { property: 'plan' }, attribution: 'first_touch', range: RANGE });
    const retention = await runRetention(wh, events, { startEvent: { event: 'signup' }, period: 'week', periods: 8, mode: 'on', cohortType: 'first_time', range: RANGE });
    const days = (await runActiveUsers(wh, events, { range: RANGE })).length;
    // Step 2 only counts views on the pro plan; attempts with help between step 1 and step 3 do not count.
    const narrowed = {
      steps: [{ event: 'signup' }, { event: 'view', where: [{ property: 'plan', equals: 'pro' }] }, { event: 'cart' }],
      windowSeconds: 7 * 86_400,
      order: 'sequential' as const,
      exclusions: [{ event: 'help', fromStep: 1, toStep: 3 }],
      range: RANGE,
    };
    const filtered = await runFunnel(wh, events, narrowed);
    const byCountry = await runFunnel(wh, events, { ...narrowed, breakdown: { column: 'country' }, attribution: 'first_touch' });
    const proRetention = await runRetention(wh, events, { startEvent: { event: 'signup', where: [{ property: 'plan', equals: 'pro' }] }, period: 'week', periods: 8, mode: 'on', cohortType: 'first_time', range: RANGE });
    return { funnel, byPlan, retention, days, filtered, byCountry, proRetention };
  } finally {
    await wh.close();
  }
}

const tableUsers = (p: Page) => p.locator('.ax-funnel-table tbody td[data-users]').allTextContents();

/** Waits until the funnel table shows `events` per row (an earlier answer stays on screen while the next one loads). */
async function funnelShows(p: Page, events: string[]): Promise<void> {
  await p.waitForFunction(`JSON.stringify([...document.querySelectorAll('.ax-funnel-table tbody tr td:nth-last-child(6)')].map((td) => td.textContent)) === ${JSON.stringify(JSON.stringify(events))} && !document.querySelector('.ax-result.is-loading')`);
}

describe('analytics explorer pure helpers', () => {
  it('keeps the state in the URL and builds the request bodies', () => {
    const q = new URLSearchParams('step=signup&step=view&window=2h&breakdown=plan&attribution=step:2&from=2026-03-01&tab=funnel');
    const s = readState(q, 'view');
    expect(s.funnel).toMatchObject({ steps: [{ event: 'signup', where: [] }, { event: 'view', where: [] }], windowCount: 2, windowUnit: 'h', breakdown: 'plan', breakdownKind: 'property', attribution: 'step:2' });
    expect(funnelRequest(s)).toEqual({ steps: ['signup', 'view'], window: '2h', order: 'sequential', breakdown: { property: 'plan' }, attribution: { step: 2 }, range: { from: '2026-03-01' } });
    expect(funnelRequest(readState(new URLSearchParams('step=signup')))).toBeUndefined();
    expect(retentionRequest(s)).toEqual({ start: 'view', period: 'week', periods: 8, mode: 'on', cohort: 'first_time', range: { from: '2026-03-01' } });
    expect(readState(new URLSearchParams('tab=nope&window=7x&periods=0&from=yesterday'))).toMatchObject({ tab: 'funnel', from: '', funnel: { windowCount: 7, windowUnit: 'd' }, retention: { periods: 8 } });
    expect(withParams(q, { step: ['a', 'b', 'c'], breakdown: undefined, attribution: '' })).toBe('?window=2h&from=2026-03-01&tab=funnel&step=a&step=b&step=c');
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(pathSteps('buy', 'previous', ['cart', 'view'])).toEqual(['view', 'cart', 'buy']);
    expect(pathSteps('buy', 'next', ['exit'])).toEqual(['buy', 'exit']);
  });

  it('keeps step filters, exclusions and a column breakdown in the URL, and they follow their steps', () => {
    const q = new URLSearchParams(
      'step=signup&step=view&step=cart&step2.plan=pro&step2.source=ads&step2.plan=team&step9.plan=x&exclude=1-3:help&exclude=2-3:exit&exclude=bad&breakdown_column=country&attribution=step:3',
    );
    const s = readState(q);
    expect(s.funnel.steps).toEqual([
      { event: 'signup', where: [] },
      { event: 'view', where: [{ property: 'plan', value: 'pro' }, { property: 'source', value: 'ads' }] },
      { event: 'cart', where: [] },
    ]);
    expect(s.funnel.exclusions).toEqual([{ event: 'help', fromStep: 1, toStep: 3 }, { event: 'exit', fromStep: 2, toStep: 3 }]);
    expect([s.funnel.breakdown, s.funnel.breakdownKind]).toEqual(['country', 'column']);
    expect(funnelRequest(s)).toEqual({
      steps: ['signup', { event: 'view', where: { plan: 'pro', source: 'ads' } }, 'cart'],
      window: '7d',
      order: 'sequential',
      exclusions: [{ event: 'help', from_step: 1, to_step: 3 }, { event: 'exit', from_step: 2, to_step: 3 }],
      breakdown: { column: 'country' },
      attribution: { step: 3 },
    });
    // In any order the exclusions stay in the URL but are not sent (the API refuses them).
    const any = readState(new URLSearchParams(`${q.toString()}&order=any`));
    expect(any.funnel.exclusions).toHaveLength(2);
    expect(funnelRequest(any)).not.toHaveProperty('exclusions');
    expect(matcherLabel(s.funnel.steps[1]!)).toBe('view · plan = pro · source = ads');

    // Step 2 moves down: its filters go with it to step 3, exclusions and the attribution step follow.
    const moved = new URLSearchParams(withParams(q, stepsChanges(s.funnel, moveStep(s.funnel.steps, 1, 1), moveStep([0, 1, 2], 1, 1))));
    const m = readState(moved);
    expect(m.funnel.steps.map(matcherLabel)).toEqual(['signup', 'cart', 'view · plan = pro · source = ads']);
    expect(m.funnel.exclusions).toEqual([{ event: 'help', fromStep: 1, toStep: 2 }]);
    expect(m.funnel.attribution).toBe('step:2');
    expect(readFilters(moved, 'step2')).toEqual([]);
    // Step 1 removed: the exclusion from it goes, the attribution step shifts; a new step has no filters.
    const removed = readState(new URLSearchParams(withParams(q, stepsChanges(s.funnel, [...s.funnel.steps.slice(1), { event: 'buy', where: [] }], [1, 2, -1]))));
    expect(removed.funnel.steps.map(matcherLabel)).toEqual(['view · plan = pro · source = ads', 'cart', 'buy']);
    expect(removed.funnel.exclusions).toEqual([{ event: 'exit', fromStep: 1, toStep: 2 }]);
    expect(removed.funnel.attribution).toBe('step:2');

    const r = readState(new URLSearchParams('tab=retention&start=signup&start.plan=pro&return=buy&return.source=ads&active_event=view&active_event.plan=team'));
    expect(retentionRequest(r)).toMatchObject({ start: { event: 'signup', where: { plan: 'pro' } }, return: { event: 'buy', where: { source: 'ads' } } });
    expect(activeRequest(r)).toEqual({ event: { event: 'view', where: { plan: 'team' } }, stickiness: 'week' });
    // Filters of "any event" are not sent.
    expect(activeRequest(readState(new URLSearchParams('active_event.plan=team')))).toEqual({ stickiness: 'week' });

    const overview = {
      columns: { user_id: 'user_id', event: 'event', timestamp: 'ts', properties: 'properties' },
      relation_columns: ['user_id', 'event', 'ts', 'properties', 'country', 'device'].map((name) => ({ name, type: 'VARCHAR' })),
    };
    expect(breakdownColumns(overview)).toEqual(['country', 'device']);
  });
});

describe('the analytics explorer in headless Chromium', () => {
  let server: UiServer;
  let browser: Browser;
  let expected: Awaited<ReturnType<typeof reference>>;
  beforeAll(async () => {
    [server, browser, expected] = await Promise.all([startBuiltServer(PROJECT, 'basin-ui-analytics-'), launchChromium(), reference()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds a 3-step funnel whose chart and numbers match runFunnel, breaks it down, keeps it in the URL', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/analytics`);
    await p.getByText('Pick at least two steps').waitFor();
    expect(await p.locator('nav a', { hasText: 'Analytics' }).getAttribute('class')).toContain('active');
    expect(await p.locator('.page-header').textContent()).toContain(`${RANGE.from} – ${RANGE.to}`);
    for (const step of ['signup', 'cart', 'view']) await p.selectOption('select[name="add-step"]', step);
    // Reorder: cart (step 2) moves below view.
    await p.getByRole('button', { name: 'Move step 2 down' }).click();
    await p.waitForURL(/step=signup&step=view&step=cart/);
    const chart = p.locator('.ax-chart[data-chart="funnel"][data-rendered="true"]');
    await chart.waitFor();
    expect(await chart.getAttribute('data-points')).toBe('3');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    const group = expected.funnel.groups[0]!;
    await funnelShows(p, ['signup', 'view', 'cart']);
    expect(await tableUsers(p)).toEqual(group.steps.map((s) => s.users.toLocaleString('en-US')));
    expect(group.steps[0]!.users).toBeGreaterThan(group.steps[2]!.users);
    expect(await p.locator('[data-conversion]').textContent()).toBe(percent(group.conversionRate));
    await screenshot(p, 'analytics-funnel');

    // Breakdown by plan: one series per value, the same groups as runFunnel.
    await p.selectOption('select[name="breakdown"]', 'property:plan');
    await p.waitForURL(/breakdown=plan/);
    await p.waitForFunction(`document.querySelector('.ax-chart[data-chart="funnel"]')?.dataset.series === '${expected.byPlan.groups.length}'`);
    await funnelShows(p, expected.byPlan.groups.flatMap(() => ['signup', 'view', 'cart']));
    expect(await tableUsers(p)).toEqual(expected.byPlan.groups.flatMap((g) => g.steps.map((s) => s.users.toLocaleString('en-US'))));
    await screenshot(p, 'analytics-funnel-breakdown');

    // A shared link opens the same funnel; an impossible range is a 400 shown with its message.
    const shared = await openPage(browser, { token: server.token, theme: 'dark' });
    await shared.goto(`${server.base}/analytics?step=signup&step=view&step=cart&window=7d`);
    await funnelShows(shared, ['signup', 'view', 'cart']);
    expect(await tableUsers(shared)).toEqual(group.steps.map((s) => s.users.toLocaleString('en-US')));
    await shared.goto(`${server.base}/analytics?step=signup&step=view&from=2026-05-01&to=2026-03-01`);
    const error = shared.locator('.ax-error[data-status="400"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('range: from must not be after to');
    await shared.close();
    await p.close();
  }, 60_000);

  it('narrows a step by a property, excludes an event between steps, breaks down by a column: the numbers of runFunnel', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/analytics?step=signup&step=view&step=cart`);
    await funnelShows(p, ['signup', 'view', 'cart']);
    expect(await tableUsers(p)).toEqual(expected.funnel.groups[0]!.steps.map((s) => s.users.toLocaleString('en-US')));

    // Step 2: only views on the pro plan (the property is suggested from the sampled keys).
    await p.getByRole('button', { name: 'Add a property filter to step 2' }).click();
    expect(await p.locator('datalist#ax-property-keys option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toEqual(['plan', 'source']);
    await p.fill('input[name="step2-property"]', 'plan');
    await p.fill('input[name="step2-value"]', 'pro');
    await p.getByRole('button', { name: 'Add', exact: true }).click();
    await p.waitForURL(/step2\.plan=pro/);
    expect(await p.locator('li[data-step="2"] [data-filter]').textContent()).toContain('plan = pro');

    // Exclude help between step 1 and step 3.
    await p.getByRole('button', { name: '+ Exclude an event between steps' }).click();
    await p.locator('[data-exclusion]').waitFor();
    await p.selectOption('select[name="exclude-1"]', 'help');
    await p.waitForURL(/exclude=1-3%3Ahelp/);
    expect(await p.locator('select[name="exclude-1-from"]').inputValue()).toBe('1');
    expect(await p.locator('select[name="exclude-1-to"]').inputValue()).toBe('3');
    const labels = ['signup', 'view · plan = pro', 'cart'];
    await funnelShows(p, labels);
    const filtered = expected.filtered.groups[0]!;
    expect(await tableUsers(p)).toEqual(filtered.steps.map((s) => s.users.toLocaleString('en-US')));
    expect(filtered.steps[1]!.users).toBeLessThan(expected.funnel.groups[0]!.steps[1]!.users);
    expect(await p.locator('[data-conversion]').textContent()).toBe(percent(filtered.conversionRate));
    await screenshot(p, 'analytics-funnel-filters');

    // In any order the exclusion is kept but greyed out and not sent: the funnel still runs.
    await p.selectOption('select[name="order"]', 'any');
    await p.waitForURL(/order=any/);
    await p.locator('[data-exclusions="off"]').waitFor();
    expect(await p.locator('select[name="exclude-1-from"]').isDisabled()).toBe(true);
    await p.waitForFunction(`!document.querySelector('.ax-result.is-loading') && document.querySelectorAll('.ax-funnel-table tbody tr').length === 3`);
    expect(await p.locator('.ax-error').count()).toBe(0);
    await p.selectOption('select[name="order"]', 'sequential');
    await p.waitForURL((url) => !url.search.includes('order='));

    // Breakdown by the country column of the events relation.
    expect(await p.locator('select[name="breakdown"] optgroup[label="Columns"] option').allTextContents()).toEqual(['country']);
    await p.selectOption('select[name="breakdown"]', 'column:country');
    await p.waitForURL(/breakdown_column=country/);
    await p.waitForFunction(`document.querySelector('.ax-chart[data-chart="funnel"]')?.dataset.series === '${expected.byCountry.groups.length}'`);
    await funnelShows(p, expected.byCountry.groups.flatMap(() => labels));
    expect(await tableUsers(p)).toEqual(expected.byCountry.groups.flatMap((g) => g.steps.map((s) => s.users.toLocaleString('en-US'))));
    expect(expected.byCountry.groups.map((g) => g.breakdown)).toEqual(expect.arrayContaining(['de', 'fr', 'us']));
    await screenshot(p, 'analytics-funnel-column-breakdown');

    // Retention of pro-plan signups, from a link.
    await p.goto(`${server.base}/analytics?tab=retention&start=signup&start.plan=pro`);
    await p.waitForFunction(`document.querySelectorAll('.ax-cohorts tbody tr').length === ${expected.proRetention.cohorts.length} && !document.querySelector('.ax-result.is-loading')`);
    expect(await p.locator('.ax-cohorts tbody td[data-size]').allTextContents()).toEqual(expected.proRetention.cohorts.map((c) => c.users.toLocaleString('en-US')));
    expect(await p.locator('[data-matcher="start"] [data-filter]').textContent()).toContain('plan = pro');
    await screenshot(p, 'analytics-retention-filter');
    await p.close();
  }, 60_000);

  it('shows the retention cohort table and the active users chart', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/analytics?tab=retention&start=signup`);
    const rows = p.locator('.ax-cohorts tbody tr');
    await p.waitForFunction(`document.querySelectorAll('.ax-cohorts tbody tr').length === ${expected.retention.cohorts.length}`);
    const first = expected.retention.cohorts[0]!;
    expect(await rows.first().getAttribute('data-cohort')).toBe(first.cohort);
    expect(await rows.first().locator('td[data-size]').textContent()).toBe(first.users.toLocaleString('en-US'));
    expect(await rows.first().locator('td[data-k="0"]').textContent()).toBe('100.0 %');
    const rate1 = (first.rates as ReadonlyArray<number | null>)[1] ?? null;
    expect(await rows.first().locator('td[data-k="1"]').textContent()).toBe(rate1 === null ? '' : percent(rate1));
    // Values that are not observable yet (null) are empty cells.
    const nulls = expected.retention.cohorts.reduce((n, c) => n + (c.retained as ReadonlyArray<number | null>).filter((v) => v === null).length, 0);
    expect(await p.locator('.ax-cohorts td[data-empty]').count()).toBe(nulls);
    await screenshot(p, 'analytics-retention');

    await p.locator('[data-control="tab"] button', { hasText: 'Active users' }).click();
    await p.waitForURL(/tab=active/);
    const chart = p.locator('.ax-chart[data-chart="active-users"][data-rendered="true"]');
    await chart.waitFor();
    expect(await chart.getAttribute('data-points')).toBe(String(expected.days));
    expect(await chart.getAttribute('data-series')).toBe('3');
    await p.locator('.ax-chart[data-chart="stickiness"][data-rendered="true"]').waitFor();
    expect(await p.locator('.ax-stickiness tbody tr').count()).toBeGreaterThan(0);
    await screenshot(p, 'analytics-active');

    await p.locator('[data-control="tab"] button', { hasText: 'Paths' }).click();
    await p.selectOption('select[name="path-event"]', 'signup');
    await p.waitForURL(/path_event=signup/);
    // Every path starts at the chosen event (the previous event's paths stay, dimmed, until the answer arrives).
    await p.waitForFunction(`[...document.querySelectorAll('.ax-paths tbody tr')].map((tr) => tr.querySelector('.chip')?.textContent).every((e) => e === 'signup') && !document.querySelector('.ax-result.is-loading')`);
    expect(await p.locator('.ax-paths tbody tr').count()).toBeGreaterThan(0);
    await screenshot(p, 'analytics-paths');
    await p.close();
  }, 60_000);
});

describe('the analytics page of a project without events', () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    const files = { 'basin.yml': 'name: ui_no_events\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n', 'models/one.sql': 'select 1 as one\n' };
    [server, browser] = await Promise.all([startBuiltServer(files, 'basin-ui-no-events-'), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says what to add to basin.yml', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/analytics?step=signup&step=view`);
    const message = p.locator('[data-not-configured]');
    await message.waitFor();
    expect(await message.textContent()).toContain('add `analytics: { events: { relation, user_id, event, timestamp, properties } }` to basin.yml');
    expect(await p.locator('.ax-config').textContent()).toContain('analytics:\n  events:');
    expect(await p.locator('.ax-tab').count()).toBe(0);
    await screenshot(p, 'analytics-not-configured');
    await p.close();
  }, 30_000);
});
