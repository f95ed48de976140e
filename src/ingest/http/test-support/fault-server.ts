/**
 * A local HTTP server for tests that misbehaves on purpose: error statuses
 * with Retry-After, stalled bodies, connections that never answer, connection
 * resets. It listens on 127.0.0.1 (port 0), records the arrival time of every
 * request (to check rate budgets) and closes itself after `maxLifetimeMs`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the server does instead of answering normally. */
export type Fault =
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Sends headers and the start of a body, then nothing more. */
  | { type: 'stall' }
  /** Never sends anything. */
  | { type: 'hang' }
  /** Destroys the connection without an answer. */
  | { type: 'reset' };

/** A request as the handler sees it. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A normal answer: `body` is sent as JSON unless it is a string. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FaultServerOptions {
  handler: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;
  /** Decides a fault for the request with arrival number `index` (0-based). */
  fault?: ((index: number, request: FakeRequest) => Fault | undefined) | undefined;
  /** The server closes itself after this long (default 60 s). */
  maxLifetimeMs?: number | undefined;
}

/** One request as the server saw it. */
export interface LoggedRequest {
  /** Arrival time, performance.now() milliseconds. */
  time: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  fault?: Fault['type'] | undefined;
  status?: number | undefined;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  log: LoggedRequest[];
  close(): Promise<void>;
}

/** Starts a fault-injecting server. */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const log: LoggedRequest[] = [];
  let index = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const time = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const entry: LoggedRequest = { time, method: request.method, path: `${request.url.pathname}${request.url.search}`, headers: req.headers };
      log.push(entry);
      const fault = options.fault?.(index++, request);
      if (fault) {
        entry.fault = fault.type;
        if (fault.type === 'status') {
          entry.status = fault.status;
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
          res.end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }));
        } else if (fault.type === 'stall') {
          entry.status = 200;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"data": [');
        } else if (fault.type === 'reset') {
          req.socket.destroy();
        }
        return;
      }
      Promise.resolve(options.handler(request)).then(
        (answer) => {
          entry.status = answer.status ?? 200;
          const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
          res.writeHead(entry.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(body);
        },
        (err: unknown) => {
          entry.status = 500;
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(err) }));
        },
      );
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return closed;
  };
  const lifetime = setTimeout(() => void close(), options.maxLifetimeMs ?? 60_000);
  lifetime.unref();
  return { url: `http://127.0.0.1:${port}`, log, close };
}

/** The most requests that fell in any window of `windowMs` (half-open), from arrival times. */
export function maxRequestsInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** A deterministic random number generator (mulberry32) in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Faults on a seeded `rate` of requests, cycling through `kinds` at random. */
export function randomFaults(rate: number, seed: number, kinds: readonly Fault[]): (index: number) => Fault | undefined {
  const random = seededRandom(seed);
  return () => {
    if (random() >= rate) return undefined;
    return kinds[Math.floor(random() * kinds.length)];
  };
}
