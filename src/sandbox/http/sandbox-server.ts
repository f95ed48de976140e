/**
 * The sandbox's one HTTP server (node:http, loopback): routes `/_sandbox/...`
 * to the control routes and `/<prefix>/...` to the vendor fake mounted there,
 * after fault injection has had its say.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/logger.js';
import type { VendorFake } from '../vendor-fake.js';
import { handleControl, type ControlTarget } from './control-routes.js';

/** A listening sandbox server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** What the server needs. */
export interface SandboxServerOptions extends Omit<ControlTarget, 'baseUrl'> {
  host: string;
  port: number;
  logger: Logger;
}

const MAX_BODY = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** The vendor whose root path is the longest prefix of `pathname` (Stripe's `/v1/` yields to Firestore's `/v1/projects/...`). */
function rootVendor(vendors: readonly VendorFake[], pathname: string): VendorFake | undefined {
  let best: VendorFake | undefined;
  let length = 0;
  for (const v of vendors) {
    for (const p of v.rootPaths ?? []) {
      if (pathname.startsWith(p) && p.length > length) {
        best = v;
        length = p.length;
      }
    }
  }
  return best;
}

/** Starts the server; resolves once it listens. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningServer> {
  const { clock, faults, logger } = options;
  const vendors: readonly VendorFake[] = options.vendors;
  const stalls = new Set<NodeJS.Timeout>();
  let baseUrl = '';
  const target: ControlTarget = { ...options, baseUrl: () => baseUrl };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', baseUrl);
    const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      await send(res, handleControl(target, method, url, body));
      return;
    }
    const rooted = rootVendor(vendors, url.pathname);
    const prefix = rooted ? '' : (url.pathname.split('/')[1] ?? '');
    const vendor = rooted ?? vendors.find((v) => v.prefix === prefix);
    if (!vendor) {
      await send(res, Response.json({ error: `no sandbox API at /${prefix}` }, { status: 404 }));
      return;
    }
    const verdict = faults.decide(vendor.name, `${method} ${url.pathname}${url.search}`);
    if (verdict.decision === 'rate_limit' || verdict.decision === 'server_error') {
      logger.debug('sandbox fault', { vendor: vendor.name, fault: verdict.decision, path: url.pathname });
      await send(res, vendor.renderFault({ kind: verdict.decision, retryAfterSeconds: verdict.settings.retryAfterSeconds }));
      return;
    }
    const request = {
      method,
      url,
      path: rooted ? url.pathname : url.pathname.slice(prefix.length + 1) || '/',
      headers: toHeaders(req),
      body,
      now: clock.now(),
      malformed: verdict.malformed,
    };
    const pending = vendor.handle(request);
    const response = pending ? await pending : Response.json({ error: `no route ${method} ${url.pathname}` }, { status: 404 });
    if (verdict.decision === 'stall') {
      // Headers and half the body now; the rest never comes, and the connection drops later.
      const text = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json', 'content-length': String(text.length) });
      res.write(text.subarray(0, Math.floor(text.length / 2)));
      const timer = setTimeout(() => {
        stalls.delete(timer);
        res.destroy();
      }, verdict.settings.stallSeconds * 1000);
      stalls.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        stalls.delete(timer);
      });
      return;
    }
    await send(res, response);
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger.error('sandbox request failed', { path: req.url, error: (err as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'sandbox internal error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host}:${address.port}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of stalls) clearTimeout(timer);
        stalls.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
