/** Downloads an API response as a file: fetched with the token (a plain link would not send it), saved through an object URL. */
import { ApiError } from '../../api/client';
import { getToken } from '../../api/token-store';

function fileName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Fetches `path` (POSTing `init.body` as JSON when given) and saves the body
 * under `init.fileName`, else the server's file name, else `fallback`;
 * throws an ApiError with the server's message and code.
 */
export async function download(path: string, fallback: string, init: { body?: unknown; fileName?: string } = {}): Promise<void> {
  const token = getToken();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { headers, ...(init.body !== undefined ? { method: 'POST', body: JSON.stringify(init.body) } : {}) });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; code?: string };
    throw new ApiError(res.status, body.error ?? `the server answered ${res.status}`, body.code);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = init.fileName ?? fileName(res.headers.get('content-disposition'), fallback);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
