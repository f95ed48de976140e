/** Test helper: GET a sandbox Sheets path with an access token for the sandbox service account. */
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL } from '../google/sandbox-service-account.js';

export interface SheetsReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A bearer token with the read-only Sheets scope. */
export function sheetsToken(): string {
  return issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/spreadsheets.readonly'], Date.now());
}

/** GETs `path` (starting with /v4/) under `base` (the fake's base URL). */
export async function sheetsGet(base: string, path: string, token: string | null = sheetsToken()): Promise<SheetsReply> {
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}
