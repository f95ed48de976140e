/**
 * The Amplitude fake, mounted at `/amplitude`: the Export API
 * (`GET /api/2/export`) over the synthetic company's product events, with
 * HTTP basic auth (API key : secret key). Every answer carries a `Date` header
 * with the sandbox time, as the real servers send theirs, so a client can
 * tell which hours the export has finished loading. Errors are plain text,
 * like Amplitude's.
 */
import { hashInts } from '../prng.js';
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { ExportError, buildExport } from './amplitude-export.js';

/** The project API key the sandbox accepts. */
export const AMPLITUDE_SANDBOX_API_KEY = '5a4db0c0ba514e008000a1170de00001';
/** The project secret key the sandbox accepts. */
export const AMPLITUDE_SANDBOX_SECRET_KEY = '0b45e1c5ec7e7000800000000000a001';

/** Options of the Amplitude fake. */
export interface AmplitudeFakeOptions {
  apiKey?: string;
  secretKey?: string;
  /** Events per export file before an hour is split into `#1`, `#2`... (default 100,000). */
  eventsPerFile?: number;
  /** Largest archive before a 400 (default 4 GB, Amplitude's limit). */
  maxBytes?: number;
}

function text(status: number, body: string, now: number, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', date: new Date(now).toUTCString(), ...headers } });
}

function authorized(headers: Headers, apiKey: string, secretKey: string): boolean {
  const [scheme, encoded = ''] = (headers.get('authorization') ?? '').split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic') return false;
  return Buffer.from(encoded, 'base64').toString('utf8') === `${apiKey}:${secretKey}`;
}

/** Builds the Amplitude fake. */
export function createAmplitudeFake(context: VendorContext, options: AmplitudeFakeOptions = {}): VendorFake {
  const apiKey = options.apiKey ?? AMPLITUDE_SANDBOX_API_KEY;
  const secretKey = options.secretKey ?? AMPLITUDE_SANDBOX_SECRET_KEY;
  const project = 100_000 + (hashInts(context.company.seed, 0xa1) % 900_000);
  const settings = {
    company: context.company,
    project,
    eventsPerFile: options.eventsPerFile ?? 100_000,
    maxBytes: options.maxBytes ?? 4 * 1024 ** 3,
  };
  const logger = context.logger.child({ vendor: 'amplitude' });

  const serve = (request: SandboxRequest): Response => {
    const now = request.now;
    if (request.method !== 'GET') return text(405, 'Method Not Allowed', now, { allow: 'GET' });
    if (!authorized(request.headers, apiKey, secretKey)) {
      return text(401, 'Invalid API key or secret key', now, { 'www-authenticate': 'Basic realm="Amplitude"' });
    }
    try {
      const zip = buildExport(settings, request.url, now, request.malformed);
      const name = `${project}_${request.url.searchParams.get('start') ?? ''}_${request.url.searchParams.get('end') ?? ''}.zip`;
      return new Response(zip, {
        status: 200,
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${name}"`,
          date: new Date(now).toUTCString(),
        },
      });
    } catch (err) {
      if (err instanceof ExportError) return text(err.status, err.message, now);
      logger.error('amplitude fake failed', { path: request.path, error: (err as Error).message });
      return text(500, 'Internal Server Error', now);
    }
  };

  return {
    name: 'amplitude',
    prefix: 'amplitude',
    credentials: { api_key: apiKey, secret_key: secretKey, project_id: String(project) },
    handle(request) {
      if (request.path !== '/api/2/export') return undefined;
      return Promise.resolve(serve(request));
    },
    renderFault(fault: InjectedFault) {
      const now = context.clock.now();
      if (fault.kind === 'rate_limit') {
        return text(429, 'Too many concurrent export requests. Please try again later.', now, { 'retry-after': String(fault.retryAfterSeconds) });
      }
      return text(504, 'Gateway Timeout: the export took too long. Try a smaller time range.', now);
    },
  };
}
