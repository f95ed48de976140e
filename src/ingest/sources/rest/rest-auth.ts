import { ConfigError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { HttpAuth } from '../../http/auth/http-auth.js';
import { googleServiceAccount, type GoogleServiceAccountKey } from '../../http/auth/google-service-account.js';
import { oauth2ClientCredentials } from '../../http/auth/oauth2-client-credentials.js';
import { apiKeyAuth, basicAuth, bearerAuth } from '../../http/auth/static-auth.js';
import { createHttpClient } from '../../http/http-client.js';
import type { AuthConfig } from './rest-config.js';

/** The auth helper an `auth:` block describes (undefined for none). */
export function restAuth(config: AuthConfig | undefined, logger: Logger): HttpAuth | undefined {
  if (!config) return undefined;
  switch (config.type) {
    case 'none':
      return undefined;
    case 'bearer':
      return bearerAuth(config.token);
    case 'basic':
      return basicAuth(config.username, config.password ?? '');
    case 'api_key':
      return apiKeyAuth({ name: config.name, value: config.value, in: config.in, prefix: config.prefix });
    case 'oauth2_client_credentials':
      return oauth2ClientCredentials({
        tokenUrl: config.token_url,
        clientId: config.client_id,
        clientSecret: config.client_secret,
        scopes: config.scopes,
        audience: config.audience,
        clientAuth: config.client_auth,
        http: createHttpClient({ retry: { maxAttempts: 3 }, logger: logger.child({ auth: 'oauth2' }) }),
      });
    case 'google_service_account':
      return googleServiceAccount({
        key: serviceAccountKey(config.credentials),
        scopes: config.scopes,
        subject: config.subject,
        selfSignedJwt: config.self_signed_jwt,
        tokenUrl: config.token_url,
      });
  }
}

function serviceAccountKey(credentials: string | Record<string, unknown>): GoogleServiceAccountKey {
  let value: unknown = credentials;
  if (typeof credentials === 'string') {
    try {
      value = JSON.parse(credentials);
    } catch {
      throw new ConfigError('is not a service-account key in JSON', { key: 'config.auth.credentials' });
    }
  }
  const key = value as Record<string, unknown>;
  if (typeof key['client_email'] !== 'string' || typeof key['private_key'] !== 'string') {
    throw new ConfigError('needs client_email and private_key (a service-account key file)', { key: 'config.auth.credentials' });
  }
  return {
    client_email: key['client_email'],
    private_key: key['private_key'],
    private_key_id: typeof key['private_key_id'] === 'string' ? key['private_key_id'] : undefined,
    token_uri: typeof key['token_uri'] === 'string' ? key['token_uri'] : undefined,
  };
}
