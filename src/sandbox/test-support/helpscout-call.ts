/** Test helper: get a Help Scout sandbox token and GET paths with it, returning status, headers and JSON. */
import { HELPSCOUT_SANDBOX_CLIENT_ID, HELPSCOUT_SANDBOX_CLIENT_SECRET } from '../helpscout/helpscout-fake.js';

export interface HelpScoutReply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A token from the fake at `base` (client credentials in a form body). */
export async function helpScoutToken(base: string): Promise<string> {
  const res = await fetch(`${base}/v2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: HELPSCOUT_SANDBOX_CLIENT_ID, client_secret: HELPSCOUT_SANDBOX_CLIENT_SECRET }).toString(),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** GETs `path` (below `base`) with `token`. */
export async function helpScoutGet(base: string, path: string, token: string): Promise<HelpScoutReply> {
  const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Every record of a HAL listing, following `_links.next`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function helpScoutListAll(base: string, path: string, token: string, name: string): Promise<any[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const out: any[] = [];
  let next: string | undefined = path;
  for (let n = 0; next !== undefined && n < 1000; n++) {
    const r = await helpScoutGet(base, next, token);
    if (r.status !== 200) throw new Error(`GET ${next}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...(r.body._embedded?.[name] ?? []));
    next = r.body._links?.next?.href;
  }
  return out;
}
