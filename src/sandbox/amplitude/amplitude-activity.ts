/**
 * What the synthetic company's users do in the product, as Amplitude events:
 * a pure function of (seed, organization, user, day). A user's join day
 * brings `session_start`, `sign_up` (and, for the owner, `create_space` and a
 * server-side `start_trial` when the organization pays; for an invited user,
 * the owner's `invite_user` a few minutes before); later days are active with
 * a probability that decays over the first weeks, each a session of a few
 * actions; nothing happens once the organization is deleted (as in Stripe
 * and HubSpot). The billing backend sends `upgrade_plan` when a trial converts and
 * when a plan moves up a tier (the same times as Stripe's subscription
 * updates).
 *
 * Every event has an upload time (seconds to a few hours after it happened:
 * batching, flaky networks, offline laptops) and a load delay (how long after
 * its upload hour ends Amplitude's export has it, under the documented 2
 * hours). SDK events carry an `$insert_id`, so a client's retried upload is
 * dropped at ingestion and never exported; backend events have none, and a
 * share of them are delivered twice, as two events with different `uuid`s.
 *
 * `eventsUploadedBetween(from, to)` finds the organizations that can have
 * events uploaded in the window by binary search on signup time, so a window
 * costs the same at any point of the history and at any scale.
 */
import { planOf } from '../company/catalog.js';
import { TRIAL_MS, upgradeOffset } from '../company/billing-profile.js';
import { organizationDeletedAt } from '../company/crm-facts.js';
import { USER_JOIN_SPAN_MS, type SyntheticCompany } from '../company/synthetic-company.js';
import { DAY, HOUR, MINUTE, SECOND } from '../duration.js';
import { choose, hashInts, pick, unit } from '../prng.js';

/** A JSON value as event properties hold them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One event as Amplitude ingested it (before rendering in the export's shape). */
export interface ProductEvent {
  organization: number;
  /** Index of the acting user in the organization. */
  user: number;
  type: string;
  /** When it happened (epoch ms). */
  time: number;
  /** When Amplitude's servers received it (epoch ms); the export is bucketed by this hour. */
  upload: number;
  /** How long after the end of its upload hour the export has it (ms, < EXPORT_DELAY_MS). */
  loadDelay: number;
  /** Session start (epoch ms), or -1 for backend events. */
  sessionId: number;
  /** The device's event counter. */
  eventId: number;
  /** Sent by the browser SDK (with an `$insert_id`) or by the billing backend (HTTP API, without). */
  source: 'sdk' | 'backend';
  /** A 32-bit hash of `ids` (random choices, ordering). */
  key: number;
  /** The event's identity: (organization, user, day, slot) or (organization, lane, slot); uuid and insert id derive from it. */
  ids: readonly number[];
  /** 0 for the event, 1 for the second delivery of a backend event. */
  copy: number;
  properties: Record<string, JsonValue>;
}

/** The export has every event of an hour this long after the hour ends (Amplitude: 2 hours). */
export const EXPORT_DELAY_MS = 2 * HOUR;
/** Longest delay between an event and its upload. */
export const MAX_UPLOAD_DELAY_MS = 4 * HOUR;
/** Users stay active (with a decaying probability) this many days after joining. */
export const ACTIVE_DAYS = 45;
/** An owner invites a user this long before the user joins. */
const INVITE_LEAD_MS = 15 * MINUTE;
/** Span of one session's events, at most (actions: 3 minutes in, then up to 3 more 10 minutes apart). */
const SESSION_SPAN_MS = HOUR;
/** Share of backend events delivered twice. */
const BACKEND_DUPLICATE_SHARE = 0.2;
/** The `ids` slot of backend lane events (user-day events have a user index there, always smaller). */
const LANE = 0xffff;
/** Most upgrade periods of the billing profile (upgrades happen in periods 1..12). */
const MAX_UPGRADE_PERIOD = 12;

const S = {
  active: 0xa001, start: 0xa002, actions: 0xa003, action: 0xa004, gap: 0xa005, delay: 0xa006, delayKind: 0xa007,
  load: 0xa008, prop: 0xa009, method: 0xa00a, dup: 0xa00b, key: 0xa00c,
} as const;

const ACTIONS = ['create_collection', 'view_collection', 'view_collection', 'search', 'create_space', 'share_collection', 'export_csv'] as const;
const COLLECTION_TYPES = ['table', 'board', 'list', 'calendar'] as const;
const TEMPLATES = ['blank', 'roadmap', 'crm', 'content_calendar', 'bug_tracker'] as const;
const VIEWS = ['table', 'board', 'calendar', 'timeline'] as const;
const CHANNELS = ['link', 'email', 'slack'] as const;

/** Probability that day `d` (>= 1) after joining has a session. */
function activeProbability(d: number): number {
  return 0.1 * Math.exp(-d / 8);
}

/** Upload delay of an event: mostly seconds, sometimes minutes, rarely hours (offline). */
function uploadDelay(seed: number, key: number): number {
  const kind = unit(seed, S.delayKind, key);
  const r = unit(seed, S.delay, key);
  if (kind < 0.8) return SECOND + Math.floor(r * 29 * SECOND);
  if (kind < 0.95) return MINUTE + Math.floor(r * 19 * MINUTE);
  return HOUR + Math.floor(r * (MAX_UPLOAD_DELAY_MS - HOUR));
}

/** Builds events of one generator with the random parts (key, delays) derived from the slot. */
class EventSink {
  readonly events: ProductEvent[] = [];
  constructor(
    private readonly company: SyntheticCompany,
    private readonly base: readonly number[],
  ) {}

  add(slot: number, e: Omit<ProductEvent, 'upload' | 'loadDelay' | 'key' | 'ids' | 'copy' | 'eventId'> & { eventId?: number }): void {
    const seed = this.company.seed;
    const ids = [...this.base, slot];
    const key = hashInts(seed, S.key, ...ids);
    const upload = e.time + uploadDelay(seed, key);
    const event: ProductEvent = { ...e, eventId: e.eventId ?? slot, upload, ids, loadDelay: Math.floor(unit(seed, S.load, key) * EXPORT_DELAY_MS), key, copy: 0 };
    this.events.push(event);
    if (e.source === 'backend' && unit(seed, S.dup, key) < BACKEND_DUPLICATE_SHARE) {
      // The backend timed out waiting for the answer and sent it again; without an insert id both are kept.
      const resent = upload + 30 * SECOND + (hashInts(seed, S.dup, key, 1) % (60 * SECOND));
      this.events.push({ ...event, upload: resent, loadDelay: Math.floor(unit(seed, S.load, key, 1) * EXPORT_DELAY_MS), copy: 1 });
    }
  }
}

/**
 * The events of user `k` of organization `i` on day `d` after joining (join
 * day = 0). With `happened` = [from, to), a day whose session cannot have
 * events in that span is skipped without being built (the result may then
 * hold events outside the span, never miss one inside).
 */
export function userDayEvents(company: SyntheticCompany, i: number, k: number, d: number, happened?: readonly [number, number]): readonly ProductEvent[] {
  const seed = company.seed;
  if (d < 0 || d >= ACTIVE_DAYS) return NONE;
  if (d > 0 && unit(seed, S.active, i, k, d) >= activeProbability(d)) return NONE;
  const joined = company.userCreatedAt(i, k);
  const start = d === 0 ? joined : joined + d * DAY + Math.floor(unit(seed, S.start, i, k, d) * (DAY - SESSION_SPAN_MS));
  if (happened && (start + SESSION_SPAN_MS < happened[0] || start - INVITE_LEAD_MS >= happened[1])) return NONE;
  const sink = new EventSink(company, [i, k, d]);
  const sdk = { organization: i, user: k, sessionId: start, source: 'sdk' as const };
  const counter = d * 64;
  let slot = 0;
  if (d === 0 && k > 0) {
    const invited = company.user(i, k);
    sink.add(slot++, { ...sdk, user: 0, sessionId: joined - INVITE_LEAD_MS, time: joined - INVITE_LEAD_MS, type: 'invite_user', eventId: 1_000_000 + k, properties: { invitee_user_id: invited.id, role: 'member', seats_used: k + 1 } });
  }
  sink.add(slot++, { ...sdk, time: start, type: 'session_start', eventId: counter + slot, properties: {} });
  if (d === 0) {
    const method = unit(seed, S.method, i, k) < 0.4 ? 'google' : 'email';
    sink.add(slot++, { ...sdk, time: start + 5 * SECOND, type: 'sign_up', eventId: counter + slot, properties: { method, invited: k > 0 } });
    if (k === 0) {
      sink.add(slot++, { ...sdk, time: start + 2 * MINUTE, type: 'create_space', eventId: counter + slot, properties: { template: choose(TEMPLATES, seed, S.prop, i, 0), space_number: 1 } });
      if (company.isPaying(i)) {
        const b = company.billing(i);
        sink.add(slot++, { ...sdk, sessionId: -1, source: 'backend', time: start + 5 * MINUTE, type: 'start_trial', eventId: 0, properties: { plan: planOf(b.tier).key, seats: b.seats, trial_days: TRIAL_MS / DAY } });
      }
    }
  }
  const actions = 1 + pick(3, seed, S.actions, i, k, d);
  let t = start + 3 * MINUTE;
  for (let a = 0; a < actions; a++) {
    t += MINUTE + Math.floor(unit(seed, S.gap, i, k, d, a) * 9 * MINUTE);
    const type = choose(ACTIONS, seed, S.action, i, k, d, a);
    sink.add(slot++, { ...sdk, time: t, type, eventId: counter + slot, properties: actionProperties(company, type, [i, k, d, a]) });
  }
  // A deleted organization's users can no longer sign in.
  const deletedAt = organizationDeletedAt(company, i);
  return deletedAt === undefined ? sink.events : sink.events.filter((e) => e.time < deletedAt);
}

/** The result of a day without events (shared: most days are inactive). */
const NONE: readonly ProductEvent[] = Object.freeze([]);

function actionProperties(company: SyntheticCompany, type: string, at: readonly number[]): Record<string, JsonValue> {
  const seed = company.seed;
  const n = (salt: number, max: number): number => pick(max, seed, S.prop, salt, ...at);
  switch (type) {
    case 'create_collection':
      return { collection_type: choose(COLLECTION_TYPES, seed, S.prop, 1, ...at), template: choose(TEMPLATES, seed, S.prop, 2, ...at), item_count: n(3, 40) };
    case 'view_collection':
      return { view: choose(VIEWS, seed, S.prop, 4, ...at), item_count: n(5, 200), shared: n(6, 4) === 0 };
    case 'search':
      return { query_length: 2 + n(7, 30), results: n(8, 50) };
    case 'create_space':
      return { template: choose(TEMPLATES, seed, S.prop, 9, ...at), space_number: 2 + n(10, 10) };
    case 'share_collection':
      return { channel: choose(CHANNELS, seed, S.prop, 11, ...at), recipients: 1 + n(12, 5) };
    default:
      return { rows: 10 + n(13, 5000), format: 'csv' };
  }
}

/** The backend's `upgrade_plan` events of organization `i` whose time falls in [from, to). */
function upgradeEvents(company: SyntheticCompany, i: number, from: number, to: number): ProductEvent[] {
  if (!company.isPaying(i)) return [];
  const b = company.billing(i);
  const created = company.createdAt(i);
  const sink = new EventSink(company, [i, LANE]);
  const backend = { organization: i, user: 0, sessionId: -1, source: 'backend' as const, eventId: 0 };
  const at = (offset: number): boolean => created + offset >= from && created + offset < to;
  if (b.converts && at(TRIAL_MS)) {
    sink.add(0, { ...backend, time: created + TRIAL_MS, type: 'upgrade_plan', properties: { from_plan: 'trial', to_plan: planOf(b.tier).key, seats: b.seats, mrr_usd: (planOf(b.tier).unitAmount * b.seats) / 100 } });
  }
  if (b.upgradePeriod !== undefined && at(upgradeOffset(b.upgradePeriod))) {
    const to2 = planOf(b.tier + 1);
    sink.add(1, { ...backend, time: created + upgradeOffset(b.upgradePeriod), type: 'upgrade_plan', properties: { from_plan: planOf(b.tier).key, to_plan: to2.key, seats: b.seats, mrr_usd: (to2.unitAmount * b.seats) / 100 } });
  }
  return sink.events;
}

/** Indexes of the organizations that signed up in [from, to): a half-open index range. */
export function organizationsCreatedIn(company: SyntheticCompany, from: number, to: number): [number, number] {
  return [company.countAt(from - 1), company.countAt(to - 1)];
}

/**
 * Every event (duplicates included) whose upload time is in [from, to),
 * ordered by upload time, then key. Cost grows with the window's length and
 * the events in it, not with the history or the number of organizations.
 */
export function eventsUploadedBetween(company: SyntheticCompany, from: number, to: number): ProductEvent[] {
  // An event uploaded in [from, to) happened in [from - MAX_UPLOAD_DELAY, to) (duplicates: a minute and a half later).
  const happenedFrom = from - MAX_UPLOAD_DELAY_MS - 2 * MINUTE;
  const out: ProductEvent[] = [];
  const keep = (events: readonly ProductEvent[]): void => {
    for (const e of events) if (e.upload >= from && e.upload < to) out.push(e);
  };
  // Users' days: a user joins within JOIN_SPAN of signup and is active ACTIVE_DAYS after that.
  const happened = [happenedFrom, to] as const;
  const [lo, hi] = organizationsCreatedIn(company, happenedFrom - USER_JOIN_SPAN_MS - (ACTIVE_DAYS + 1) * DAY, to + INVITE_LEAD_MS);
  for (let i = lo; i < hi; i++) {
    const users = company.organization(i).userCount;
    for (let k = 0; k < users; k++) {
      const joined = company.userCreatedAt(i, k);
      const first = Math.max(0, Math.floor((happenedFrom - joined) / DAY) - 1);
      const last = Math.min(ACTIVE_DAYS - 1, Math.floor((to + INVITE_LEAD_MS - joined) / DAY));
      for (let d = first; d <= last; d++) keep(userDayEvents(company, i, k, d, happened));
    }
  }
  // Backend lanes: trial conversion and upgrades at fixed offsets from signup.
  const offsets = [TRIAL_MS];
  for (let j = 1; j <= MAX_UPGRADE_PERIOD; j++) offsets.push(upgradeOffset(j));
  const seen = new Set<number>();
  for (const offset of offsets) {
    const [a, b] = organizationsCreatedIn(company, happenedFrom - offset, to - offset);
    for (let i = a; i < b; i++) {
      if (seen.has(i)) continue;
      seen.add(i);
      keep(upgradeEvents(company, i, happenedFrom, to));
    }
  }
  out.sort((x, y) => x.upload - y.upload || x.key - y.key || x.copy - y.copy);
  return out;
}
