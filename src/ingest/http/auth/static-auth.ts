import type { HttpAuth } from './http-auth.js';

/** `Authorization: Bearer <token>`. */
export function bearerAuth(token: string): HttpAuth {
  return {
    apply(target) {
      target.headers['authorization'] = `Bearer ${token}`;
    },
  };
}

/** HTTP basic auth (`Authorization: Basic base64(user:password)`); Stripe uses the secret key as the user. */
export function basicAuth(username: string, password = ''): HttpAuth {
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return {
    apply(target) {
      target.headers['authorization'] = `Basic ${encoded}`;
    },
  };
}

/** An API key in a header (`X-API-Key: ...`) or a query parameter (`?api_key=...`, redacted in logs). */
export function apiKeyAuth(options: { name: string; value: string; in: 'header' | 'query'; prefix?: string | undefined }): HttpAuth {
  const value = options.prefix ? `${options.prefix} ${options.value}` : options.value;
  if (options.in === 'query') {
    return {
      secretParams: [options.name],
      apply(target) {
        target.url.searchParams.set(options.name, value);
      },
    };
  }
  return {
    apply(target) {
      target.headers[options.name.toLowerCase()] = value;
    },
  };
}
