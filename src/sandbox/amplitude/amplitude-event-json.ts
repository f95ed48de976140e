/**
 * Renders a ProductEvent in the Export API's shape: one JSON object per line
 * with `uuid`, `$insert_id`, `event_type`, the four timestamps as
 * `YYYY-MM-DD HH:MM:SS.ffffff` (UTC), `user_id` (the product user id, as in
 * Firestore), `device_id`, `amplitude_id`, `session_id`, `event_properties`,
 * `user_properties`, `groups: { org_id }` (the organization's product id, so
 * events join Stripe's `metadata.organization_id` and HubSpot's
 * `organization_id`), location and device fields, `library`, `data`.
 */
import { planOf } from '../company/catalog.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { SECOND } from '../duration.js';
import { choose, hashInts } from '../prng.js';
import type { JsonValue, ProductEvent } from './amplitude-activity.js';

const S = { uuid: 0xb001, device: 0xb002, amp: 0xb003, browser: 0xb004, os: 0xb005, insert: 0xb006, ip: 0xb007 } as const;

const BROWSERS = ['Chrome', 'Chrome', 'Chrome', 'Safari', 'Firefox', 'Edge'] as const;
const OSES = [
  { family: 'Mac OS X', os: 'Mac OS X', version: '14.5' },
  { family: 'Windows', os: 'Windows', version: '11' },
  { family: 'Linux', os: 'Linux', version: '' },
] as const;

const PLACES: Record<string, { country: string; city: string; region: string; language: string }> = {
  US: { country: 'United States', city: 'San Francisco', region: 'California', language: 'English' },
  GB: { country: 'United Kingdom', city: 'London', region: 'England', language: 'English' },
  FR: { country: 'France', city: 'Paris', region: 'Île-de-France', language: 'French' },
  DE: { country: 'Germany', city: 'Berlin', region: 'Land Berlin', language: 'German' },
  CA: { country: 'Canada', city: 'Toronto', region: 'Ontario', language: 'English' },
  NL: { country: 'Netherlands', city: 'Amsterdam', region: 'North Holland', language: 'Dutch' },
  ES: { country: 'Spain', city: 'Madrid', region: 'Madrid', language: 'Spanish' },
  AU: { country: 'Australia', city: 'Sydney', region: 'New South Wales', language: 'English' },
  IN: { country: 'India', city: 'Bengaluru', region: 'Karnataka', language: 'English' },
  BR: { country: 'Brazil', city: 'São Paulo', region: 'São Paulo', language: 'Portuguese' },
  JP: { country: 'Japan', city: 'Tokyo', region: 'Tokyo', language: 'Japanese' },
  SE: { country: 'Sweden', city: 'Stockholm', region: 'Stockholm', language: 'Swedish' },
};

/** `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, Amplitude's export timestamp format. */
export function amplitudeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}000`;
}

function hex(seed: number, ...values: number[]): string {
  return [1, 2, 3, 4].map((n) => hashInts(seed, ...values, n).toString(16).padStart(8, '0')).join('');
}

/** A version-4-shaped UUID determined by the values. */
export function uuidOf(seed: number, ...values: number[]): string {
  const h = hex(seed, ...values);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h.charAt(16), 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The Amplitude id of user `k` of organization `i` (a long, stable for the seed). */
export function amplitudeId(seed: number, i: number, k: number): number {
  return 100_000_000_000 + (hashInts(seed, S.amp, i, k) % 900_000_000) * 1000 + (i % 1000);
}

/** Renders one event; `project` is the project's numeric id (`app`). */
export function renderEvent(company: SyntheticCompany, e: ProductEvent, project: number): Record<string, JsonValue> {
  const seed = company.seed;
  const org = company.organization(e.organization);
  const user = company.user(e.organization, e.user);
  const place = PLACES[org.country] ?? { country: org.country, city: null, region: null, language: 'English' };
  const os = choose(OSES, seed, S.os, e.organization, e.user);
  const sdk = e.source === 'sdk';
  const plan = org.paying ? planOf(company.billing(e.organization).tier).key : 'free';
  const received = amplitudeTime(e.upload);
  return {
    $insert_id: sdk ? uuidOf(seed, S.insert, ...e.ids) : null,
    $schema: 12,
    adid: null,
    amplitude_attribution_ids: null,
    amplitude_event_type: null,
    amplitude_id: amplitudeId(seed, e.organization, e.user),
    app: project,
    city: place.city,
    client_event_time: amplitudeTime(e.time),
    client_upload_time: amplitudeTime(e.upload - (sdk ? 150 : 40)),
    country: place.country,
    data: {},
    data_type: 'event',
    device_brand: null,
    device_carrier: null,
    device_family: sdk ? os.family : null,
    device_id: uuidOf(seed, S.device, e.organization, e.user),
    device_manufacturer: null,
    device_model: null,
    device_type: sdk ? os.family : null,
    dma: null,
    event_id: e.eventId,
    event_properties: e.properties,
    event_time: amplitudeTime(e.time),
    event_type: e.type,
    global_user_properties: {},
    group_properties: {},
    groups: { org_id: org.id },
    idfa: null,
    ip_address: sdk ? ipOf(seed, e.organization, e.user) : null,
    is_attribution_event: false,
    language: sdk ? place.language : null,
    library: sdk ? 'amplitude-ts/2.11.6' : 'http/2.0',
    location_lat: null,
    location_lng: null,
    os_name: sdk ? choose(BROWSERS, seed, S.browser, e.organization, e.user) : null,
    os_version: sdk ? os.version : null,
    partner_id: null,
    paying: null,
    plan: {},
    platform: sdk ? 'Web' : null,
    processed_time: amplitudeTime(e.upload + SECOND),
    region: place.region,
    sample_rate: null,
    server_received_time: received,
    server_upload_time: received,
    session_id: e.sessionId,
    source_id: null,
    start_version: null,
    user_creation_time: amplitudeTime(user.createdAt),
    user_id: user.id,
    user_properties: { email: user.email, role: e.user === 0 ? 'owner' : 'member', plan, organization_name: org.name },
    uuid: uuidOf(seed, S.uuid, ...e.ids, e.copy),
    version_name: null,
  };
}

function ipOf(seed: number, i: number, k: number): string {
  const h = hashInts(seed, S.ip, i, k);
  return `${(h >>> 24) % 223 + 1}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}
