/**
 * Keeps secrets out of logs and error messages: query parameters that look
 * like credentials (or that an auth helper declares) and credential headers.
 */

/** Query parameter names treated as secret whatever the API (case-insensitive, substring). */
const SECRET_PARAM_PATTERN = /(key|token|secret|password|passwd|signature|sig$|auth|credential|session|code)/i;

/** Header names never logged. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);

/** `url` with the values of secret-looking (or listed) query parameters replaced by `***`, and no userinfo. */
export function redactUrl(url: string, secretParams: Iterable<string> = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\?.*$/, '?***');
  }
  const listed = new Set([...secretParams].map((p) => p.toLowerCase()));
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  const names = [...new Set(parsed.searchParams.keys())];
  for (const name of names) {
    if (listed.has(name.toLowerCase()) || SECRET_PARAM_PATTERN.test(name)) {
      const count = parsed.searchParams.getAll(name).length;
      parsed.searchParams.delete(name);
      for (let i = 0; i < count; i++) parsed.searchParams.append(name, '***');
    }
  }
  return parsed.toString().replace(/=\*\*\*/g, '=***').replace(/%2A%2A%2A/g, '***');
}

/** `headers` with credential values replaced by `***` (plus any names listed). */
export function redactHeaders(headers: Record<string, string>, secretHeaders: Iterable<string> = []): Record<string, string> {
  const listed = new Set([...secretHeaders].map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    out[name] = SECRET_HEADERS.has(lower) || listed.has(lower) ? '***' : value;
  }
  return out;
}
