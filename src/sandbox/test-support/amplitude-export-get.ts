/** Test helper: calls the Amplitude fake's Export API and unpacks the archive (zip of gzipped NDJSON). */
import { gunzipSync, strFromU8, unzipSync } from 'fflate';
import { AMPLITUDE_SANDBOX_API_KEY, AMPLITUDE_SANDBOX_SECRET_KEY } from '../amplitude/amplitude-fake.js';

/** One export call's outcome. */
export interface ExportResult {
  status: number;
  headers: Headers;
  /** The raw body. */
  bytes: Uint8Array;
  /** File name -> events (200 only). */
  files: Map<string, Array<Record<string, unknown>>>;
  /** Every event of every file, in archive order. */
  events: Array<Record<string, unknown>>;
  /** The body as text (errors). */
  text: string;
}

/** The basic-auth header of a key pair (default: the sandbox's). */
export function amplitudeAuth(apiKey = AMPLITUDE_SANDBOX_API_KEY, secretKey = AMPLITUDE_SANDBOX_SECRET_KEY): string {
  return `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`;
}

/** GET `<base>/api/2/export?start=&end=`; unpacks 200s. */
export async function exportGet(base: string, start: string, end: string, authorization: string | undefined = amplitudeAuth()): Promise<ExportResult> {
  const res = await fetch(`${base}/api/2/export?start=${start}&end=${end}`, { headers: authorization ? { authorization } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const files = new Map<string, Array<Record<string, unknown>>>();
  if (res.status === 200) {
    for (const [name, gz] of Object.entries(unzipSync(bytes))) {
      const lines = strFromU8(gunzipSync(gz)).split('\n').filter((l) => l !== '');
      files.set(name, lines.map((l) => JSON.parse(l) as Record<string, unknown>));
    }
  }
  return { status: res.status, headers: res.headers, bytes, files, events: [...files.values()].flat(), text: res.status === 200 ? '' : Buffer.from(bytes).toString('utf8') };
}
