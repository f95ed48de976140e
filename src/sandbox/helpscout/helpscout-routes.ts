/**
 * The Mailbox API 2.0 read endpoints the fake serves: mailboxes, users
 * (`me` = the account owner), customers, conversations (with
 * `embed=threads`) and a conversation's threads, as HAL lists or single
 * objects. Answers a body, or throws a HelpScoutApiError.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { badRequest, notFound } from './helpscout-errors.js';
import { CONVERSATION_PAGE_SIZE, halPage, pageParam, pageSlice } from './helpscout-hal.js';
import { decodeHelpScoutId } from './helpscout-ids.js';
import { listConversations } from './helpscout-conversation-list.js';
import { listCustomers } from './helpscout-customer-list.js';
import type { ResultCache } from './helpscout-list.js';
import { renderConversation, renderCustomer, renderThreads } from './helpscout-render.js';
import { conversationFacts, conversationVisible, customerFacts, customerVisible, type ConversationFacts } from './helpscout-support.js';
import { agents, mailboxes, renderAgent, renderMailbox } from './helpscout-team.js';

type Json = Record<string, unknown>;

/** What a route sees. */
export interface RouteContext {
  company: SyntheticCompany;
  cache: ResultCache;
  url: URL;
  /** The API's base URL as the client reached it (`http://127.0.0.1:port/helpscout`). */
  api: string;
  segments: string[];
  now: number;
  malformed: boolean;
}

function embedThreads(url: URL): boolean {
  const embed = url.searchParams.get('embed');
  if (embed === null || embed === '') return false;
  if (embed !== 'threads') throw badRequest({ path: 'embed', message: "Expected one of these: 'threads'", rejectedValue: embed, source: 'query', code: 'EnumValue' });
  return true;
}

/** Corrupts the first record of a list page, as a misbehaving API might (wrong types). */
function corrupt(body: Json, name: string, field: string): Json {
  const list = (body['_embedded'] as Record<string, Json[]> | undefined)?.[name];
  const first = list?.[0];
  if (first) {
    first['createdAt'] = 'not-a-timestamp';
    first[field] = 'corrupted';
  }
  return body;
}

function conversationAt(ctx: RouteContext, id: string): ConversationFacts {
  const ref = decodeHelpScoutId('conversation', id);
  const f = ref ? conversationFacts(ctx.company, ref.org, ref.slot) : undefined;
  if (!f || !conversationVisible(f, ctx.now)) throw notFound();
  return f;
}

/** A HAL page of a small, fully rendered listing. */
function smallList(ctx: RouteContext, name: string, all: Json[], field: string): Json {
  const page = pageParam(ctx.url);
  const body = halPage(ctx.url, name, pageSlice(all, page), all.length, page);
  return ctx.malformed ? corrupt(body, name, field) : body;
}

/** Routes a GET below `/v2`; undefined when no route matches. */
export function routeGet(ctx: RouteContext): Json | undefined {
  const { company, url, api, now } = ctx;
  const [resource, id, sub, ...rest] = ctx.segments;
  if (rest.length > 0) return undefined;
  switch (resource) {
    case 'mailboxes': {
      const all = mailboxes(company).map((m) => renderMailbox(m, api));
      if (id === undefined) return smallList(ctx, 'mailboxes', all, 'updatedAt');
      if (sub !== undefined) return undefined;
      const found = all.find((m) => String(m['id']) === id);
      if (!found) throw notFound();
      return found;
    }
    case 'users': {
      const all = agents(company).map((a) => renderAgent(a, api));
      if (id === undefined) return smallList(ctx, 'users', all, 'updatedAt');
      if (sub !== undefined) return undefined;
      const found = id === 'me' ? all[0] : all.find((a) => String(a['id']) === id);
      if (!found) throw notFound();
      return found;
    }
    case 'customers': {
      if (id === undefined) {
        const page = pageParam(url);
        const rows = listCustomers(company, ctx.cache, url, now);
        const body = halPage(url, 'customers', pageSlice(rows, page).map((c) => renderCustomer(company, c, now, api)), rows.length, page);
        return ctx.malformed ? corrupt(body, 'customers', '_embedded') : body;
      }
      if (sub !== undefined) return undefined;
      const ref = decodeHelpScoutId('customer', id);
      const c = ref ? customerFacts(company, ref.org, ref.slot) : undefined;
      if (!c || !customerVisible(c, now)) throw notFound();
      return renderCustomer(company, c, now, api);
    }
    case 'conversations': {
      if (id === undefined) {
        const threads = embedThreads(url);
        const page = pageParam(url);
        const rows = listConversations(company, ctx.cache, url, now);
        const records = pageSlice(rows, page, CONVERSATION_PAGE_SIZE).map((f) => renderConversation(company, f, now, api, threads));
        const body = halPage(url, 'conversations', records, rows.length, page, CONVERSATION_PAGE_SIZE);
        return ctx.malformed ? corrupt(body, 'conversations', 'threads') : body;
      }
      const f = conversationAt(ctx, id);
      if (sub === undefined) return renderConversation(company, f, now, api, embedThreads(url));
      if (sub !== 'threads') return undefined;
      return smallList(ctx, 'threads', renderThreads(company, f, now, api), 'source');
    }
    default:
      return undefined;
  }
}
