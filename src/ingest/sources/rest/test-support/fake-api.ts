/**
 * A small fake SaaS API for the REST source's tests: customers (HubSpot-style
 * cursor paging, `updated_since` filter), their invoices (page numbers) and
 * an events listing (offset/limit, top-level array), behind a bearer token,
 * served by the fault-injecting test server.
 */
import { startFaultServer, type Fault, type FakeRequest, type FakeResponse, type FaultServer } from '../../../http/test-support/fault-server.js';

export interface FakeCustomer {
  id: string;
  name: string;
  updated_at: string;
  address: { city: string };
}

export interface FakeApi {
  server: FaultServer;
  url: string;
  customers: FakeCustomer[];
  invoicesOf(customerId: string): Array<{ id: string; customer: string; amount: number }>;
  /** Marks a customer as updated now-ish (a later updated_at). */
  touch(id: string, updatedAt: string): void;
}

export const FAKE_TOKEN = 'fake-token-123';

export async function startFakeApi(options: { customers?: number; pageSize?: number; fault?: (index: number, request: FakeRequest) => Fault | undefined } = {}): Promise<FakeApi> {
  const pageSize = options.pageSize ?? 10;
  const customers: FakeCustomer[] = Array.from({ length: options.customers ?? 45 }, (_, i) => ({
    id: `c${String(i + 1).padStart(3, '0')}`,
    name: `Customer ${i + 1}`,
    updated_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    address: { city: ['Lyon', 'Oslo', 'Porto'][i % 3] ?? 'Lyon' },
  }));
  const invoicesOf = (customerId: string) => {
    const n = Number(customerId.slice(1)) % 4;
    return Array.from({ length: n }, (_, k) => ({ id: `${customerId}-inv${k + 1}`, customer: customerId, amount: (k + 1) * 100 }));
  };
  const events = Array.from({ length: 23 }, (_, i) => ({ event_id: i + 1, kind: i % 2 ? 'open' : 'click' }));

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return { status: 401, body: { error: 'unauthorized' } };
    const q = req.url.searchParams;
    const path = req.url.pathname.replace(/^\/v1/, '');
    if (path === '/customers') {
      const since = q.get('updated_since');
      const list = customers.filter((c) => !since || c.updated_at >= since);
      const start = Number(q.get('after') ?? 0);
      const page = list.slice(start, start + pageSize);
      const next = start + pageSize < list.length ? { next: { after: String(start + pageSize) } } : undefined;
      return { body: { data: page, ...(next ? { paging: next } : {}) } };
    }
    const m = /^\/customers\/([^/]+)\/invoices$/.exec(path);
    if (m) {
      const all = invoicesOf(decodeURIComponent(m[1] ?? ''));
      const page = Number(q.get('page') ?? 1);
      return { body: { data: all.slice((page - 1) * 2, page * 2), total_pages: Math.max(1, Math.ceil(all.length / 2)) } };
    }
    if (path === '/events') {
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit') ?? 10);
      return { body: events.slice(offset, offset + limit) };
    }
    return { status: 404, body: { error: 'not found' } };
  };
  const server = await startFaultServer({ handler, fault: options.fault });
  return {
    server,
    url: `${server.url}/v1`,
    customers,
    invoicesOf,
    touch(id, updatedAt) {
      const c = customers.find((x) => x.id === id);
      if (c) c.updated_at = updatedAt;
    },
  };
}
