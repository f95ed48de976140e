import { JWT } from 'google-auth-library';
import type { HttpAuth } from './http-auth.js';

/** The fields Basin uses from a Google service-account key file. */
export interface GoogleServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string | undefined;
  token_uri?: string | undefined;
}

/** Settings of Google service-account auth. */
export interface GoogleServiceAccountOptions {
  key: GoogleServiceAccountKey;
  scopes: readonly string[];
  /** A user to impersonate (domain-wide delegation), e.g. for Google Workspace APIs. */
  subject?: string | undefined;
  /**
   * Sign a JWT locally and send it as the bearer token instead of exchanging
   * it for an access token (Google's "self-signed JWT", accepted by most
   * Google Cloud APIs; no token endpoint call).
   */
  selfSignedJwt?: boolean | undefined;
  /**
   * Where to exchange the signed assertion for an access token (default
   * Google's `https://oauth2.googleapis.com/token`). Emulators and tests point
   * this at a local server; the request is rewritten on its way out.
   */
  tokenUrl?: string | undefined;
}

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/**
 * Google service-account auth through google-auth-library's JWT client: it
 * signs an assertion with the key, exchanges it for an access token, caches it
 * and refreshes it before expiry. `refresh` (after a 401) drops the cached token.
 */
export function googleServiceAccount(options: GoogleServiceAccountOptions): HttpAuth & { client: JWT } {
  const client = new JWT({
    email: options.key.client_email,
    key: options.key.private_key,
    keyId: options.key.private_key_id,
    scopes: [...options.scopes],
    subject: options.subject,
  });
  client.useJWTAccessWithScope = options.selfSignedJwt ?? false;
  const tokenUrl = options.tokenUrl ?? (options.key.token_uri && options.key.token_uri !== GOOGLE_TOKEN_URL ? options.key.token_uri : undefined);
  if (tokenUrl) {
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
        return config;
      },
    });
  }
  return {
    client,
    async apply(target) {
      const headers = await client.getRequestHeaders(target.url.toString());
      const authorization = headers.get('authorization');
      if (authorization) target.headers['authorization'] = authorization;
    },
    async refresh() {
      // The state the library starts in: an expired placeholder, fetched again on the next request.
      client.credentials = { refresh_token: 'jwt-placeholder', expiry_date: 1 };
      return true;
    },
  };
}
