/**
 * The product's documents at a read time, one builder per collection:
 * `organizations/{orgId}`, `users/{userId}`, `spaces/{spaceId}` and
 * `spaces/{spaceId}/collections/{collectionId}`. Between them every
 * Firestore value type appears (null, boolean, integer, double, timestamp,
 * string, bytes, reference, geo point, array, map). Content depends only on
 * the document's revision, so reading twice at different times returns the
 * same document until its `updateTime` moves.
 */
import { planOf } from '../company/catalog.js';
import { upgradeOffset } from '../company/billing-profile.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { choose, hashInts, pick, unit } from '../prng.js';
import { collectionDocId, spaceId } from './firestore-ids.js';
import { KIND, collectionCreatedAt, deletedAt, revisionAt, spaceCreatedAt } from './firestore-lifecycle.js';
import {
  arrV, boolV, bytesV, doubleV, geoV, intV, mapV, nullV, refV, strV, tsV, formatTimestamp,
  type FirestoreDocument, type FirestoreValue,
} from './firestore-values.js';

/** What builders share: the company and the database's documents root (`projects/p/databases/d/documents`). */
export interface DocumentContext {
  company: SyntheticCompany;
  root: string;
}

const SALT = { template: 0xd001, office: 0xd002, visibility: 0xd003, beta: 0xd004, admin: 0xd005, colName: 0xd006, icon: 0xd007, tags: 0xd008 } as const;

const SPACE_NAMES = ['General', 'Marketing', 'Engineering', 'Sales', 'Design', 'Support', 'Research', 'Operations', 'Finance', 'Hiring'] as const;
const COLLECTION_NAMES = ['Roadmap', 'Customer interviews', 'Bug triage', 'Launch checklist', 'Competitors', 'Meeting notes', 'OKRs', 'Reading list'] as const;
const TAGS = ['internal', 'client', 'archive-candidate', 'shared', 'priority'] as const;
/** Office locations by country (lat, lng of a business district). */
const OFFICES: Record<string, [number, number]> = {
  US: [37.7897, -122.3972], GB: [51.5155, -0.0922], FR: [48.8698, 2.3078], DE: [52.5208, 13.4094], CA: [43.6487, -79.3817],
  NL: [52.3378, 4.8722], ES: [40.4531, -3.6883], AU: [-33.8651, 151.2099], IN: [12.9716, 77.5946], BR: [-23.5613, -46.6565],
  JP: [35.6812, 139.7671], SE: [59.3326, 18.0649],
};

function doc(name: string, createdAt: number, updatedAt: number, fields: Record<string, FirestoreValue>): FirestoreDocument {
  return { name, fields, createTime: formatTimestamp(createdAt), updateTime: formatTimestamp(updatedAt) };
}

/** Plan key of organization `i` as of `t`. */
function planAt(company: SyntheticCompany, i: number, t: number): string {
  if (!company.isPaying(i)) return 'free';
  const b = company.billing(i);
  const upgraded = b.upgradePeriod !== undefined && t >= company.createdAt(i) + upgradeOffset(b.upgradePeriod);
  return planOf(b.tier + (upgraded ? 1 : 0)).key;
}

/** Full name of a document at `path` (relative to the documents root). */
export function documentName(ctx: DocumentContext, path: string): string {
  return `${ctx.root}/${path}`;
}

export function organizationPath(ctx: DocumentContext, i: number): string {
  return `organizations/${ctx.company.organization(i).id}`;
}
export function userPath(ctx: DocumentContext, i: number, k: number): string {
  return `users/${ctx.company.user(i, k).id}`;
}
export function spacePath(ctx: DocumentContext, i: number, k: number): string {
  return `spaces/${spaceId(ctx.company.seed, i, k)}`;
}
export function collectionPath(ctx: DocumentContext, i: number, k: number, c: number): string {
  return `${spacePath(ctx, i, k)}/collections/${collectionDocId(ctx.company.seed, i, k, c)}`;
}

/** Organization `i` at `t` (>= signup); soft-deleted when the organization is deleted. */
export function organizationDocument(ctx: DocumentContext, i: number, t: number): FirestoreDocument {
  const { company } = ctx;
  const org = company.organization(i);
  const gone = deletedAt(company, i);
  const { revision, updatedAt } = revisionAt(company.seed, KIND.organization, [i], org.createdAt, t, gone);
  const plan = planAt(company, i, updatedAt);
  return doc(documentName(ctx, organizationPath(ctx, i)), org.createdAt, updatedAt, {
    name: strV(org.name),
    domain: strV(org.domain),
    country: strV(org.country),
    industry: strV(org.industry),
    paying: boolV(org.paying),
    plan: strV(plan),
    seats: intV(org.paying ? company.billing(i).seats : org.userCount),
    owner: refV(documentName(ctx, userPath(ctx, i, 0))),
    settings: mapV({ ssoEnabled: boolV(plan === 'enterprise'), locale: strV(org.country === 'US' ? 'en-US' : 'en-GB'), revision: intV(revision) }),
    createdAt: tsV(org.createdAt),
    updatedAt: tsV(updatedAt),
    deletedAt: gone !== undefined && t >= gone ? tsV(gone) : nullV(),
  });
}

/** User `k` of organization `i` at `t` (>= its creation); disabled once the organization is deleted. */
export function userDocument(ctx: DocumentContext, i: number, k: number, t: number): FirestoreDocument {
  const { company } = ctx;
  const org = company.organization(i);
  const user = company.user(i, k);
  const gone = deletedAt(company, i);
  const { revision, updatedAt } = revisionAt(company.seed, KIND.user, [i, k], user.createdAt, t, gone);
  const admin = k === 0 || unit(company.seed, SALT.admin, i, k) < 0.15;
  return doc(documentName(ctx, userPath(ctx, i, k)), user.createdAt, updatedAt, {
    email: strV(user.email),
    firstName: strV(user.firstName),
    lastName: strV(user.lastName),
    displayName: strV(`${user.firstName} ${user.lastName}`),
    organizationId: strV(org.id),
    organization: refV(documentName(ctx, organizationPath(ctx, i))),
    roles: arrV([strV(k === 0 ? 'owner' : 'member'), ...(admin ? [strV('admin')] : [])]),
    flags: mapV({ onboarded: boolV(revision > 0), betaTester: boolV(unit(company.seed, SALT.beta, i, k) < 0.1) }),
    loginCount: intV(revision * 3 + (hashInts(company.seed, SALT.beta, i, k) % 3)),
    lastLoginAt: revision > 0 ? tsV(updatedAt) : nullV(),
    photoUrl: nullV(),
    disabled: boolV(gone !== undefined && t >= gone),
    createdAt: tsV(user.createdAt),
    updatedAt: tsV(updatedAt),
  });
}

/** Space `k` of organization `i` at `t` (between its creation and the organization's deletion). */
export function spaceDocument(ctx: DocumentContext, i: number, k: number, t: number): FirestoreDocument {
  const { company } = ctx;
  const org = company.organization(i);
  const createdAt = spaceCreatedAt(company, i, k);
  const { revision, updatedAt } = revisionAt(company.seed, KIND.space, [i, k], createdAt, t);
  const plan = planAt(company, i, updatedAt);
  const office = OFFICES[org.country];
  const icon = Uint8Array.from({ length: 8 }, (_, b) => hashInts(company.seed, SALT.icon, i, k, b) & 0xff);
  const tags = TAGS.filter((_, n) => unit(company.seed, SALT.tags, i, k, n) < 0.3).map(strV);
  const fields: Record<string, FirestoreValue> = {
    name: strV(k === 0 ? SPACE_NAMES[0] : choose(SPACE_NAMES, company.seed, SALT.template, i, k)),
    organization: refV(documentName(ctx, organizationPath(ctx, i))),
    organizationId: strV(org.id),
    memberCount: intV(Math.min(org.userCount, 1 + revision)),
    plan: strV(plan),
    storageGb: doubleV(Math.round((0.5 + revision * 0.75 + unit(company.seed, SALT.icon, i, k)) * 100) / 100),
    quotaBytes: intV(plan === 'enterprise' ? '9223372036854775807' : String(BigInt(plan === 'free' ? 2 : 50) * 1_073_741_824n)),
    icon: bytesV(icon),
    tags: arrV(tags),
    settings: mapV({
      visibility: strV(unit(company.seed, SALT.visibility, i, k) < 0.7 ? 'team' : 'private'),
      defaultRole: strV('member'),
      limits: mapV({ collections: intV(plan === 'free' ? 10 : 1000) }),
    }),
    archivedAt: nullV(),
    createdAt: tsV(createdAt),
    updatedAt: tsV(updatedAt),
  };
  // Only spaces whose team set an office location have one.
  if (office && unit(company.seed, SALT.office, i, k) < 0.4) fields['office'] = geoV(office[0], office[1]);
  return doc(documentName(ctx, spacePath(ctx, i, k)), createdAt, updatedAt, fields);
}

/** Collection `c` of space `k` of organization `i` at `t`. */
export function collectionDocument(ctx: DocumentContext, i: number, k: number, c: number, t: number): FirestoreDocument {
  const { company } = ctx;
  const org = company.organization(i);
  const createdAt = collectionCreatedAt(company, i, k, c);
  const { revision, updatedAt } = revisionAt(company.seed, KIND.collection, [i, k, c], createdAt, t);
  const creator = pick(org.userCount, company.seed, SALT.colName, i, k, c, 1);
  const creatorExists = company.user(i, creator).createdAt <= createdAt;
  return doc(documentName(ctx, collectionPath(ctx, i, k, c)), createdAt, updatedAt, {
    name: strV(choose(COLLECTION_NAMES, company.seed, SALT.colName, i, k, c)),
    space: refV(documentName(ctx, spacePath(ctx, i, k))),
    createdBy: refV(documentName(ctx, userPath(ctx, i, creatorExists ? creator : 0))),
    itemCount: intV(2 + revision * 3 + (hashInts(company.seed, SALT.colName, i, k, c) % 5)),
    position: doubleV(c + 0.5),
    pinned: boolV(c === 0),
    columns: arrV([
      mapV({ key: strV('title'), type: strV('text') }),
      mapV({ key: strV('status'), type: strV('select') }),
    ]),
    createdAt: tsV(createdAt),
    updatedAt: tsV(updatedAt),
  });
}
