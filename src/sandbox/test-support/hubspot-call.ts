/** Test helper: call the sandbox HubSpot fake with the sandbox token, returning status, headers and JSON. */
import { HUBSPOT_SANDBOX_TOKEN } from '../hubspot/hubspot-fake.js';

export interface HubSpotReply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** GETs (or POSTs `body` as JSON to) `path` under `base`. */
export async function hubspotCall(base: string, path: string, body?: unknown, token = HUBSPOT_SANDBOX_TOKEN): Promise<HubSpotReply> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
