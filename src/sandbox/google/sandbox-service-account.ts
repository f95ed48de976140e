/**
 * The sandbox's Google service account. Its private key is public on
 * purpose (like Stripe's test keys, it opens nothing but the local sandbox):
 * `basin sandbox` prints it as a service-account key file whose `token_uri`
 * points at the sandbox, so google-auth-library (and Basin's Google
 * connectors) sign assertions the sandbox can verify, exactly as with Google.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

/** The sandbox's Google Cloud project id. */
export const GOOGLE_SANDBOX_PROJECT = 'basin-sandbox';

/** The service account's e-mail (the JWT issuer). */
export const GOOGLE_SANDBOX_CLIENT_EMAIL = 'basin-sandbox@basin-sandbox.iam.gserviceaccount.com';

/** The key id (`kid` of the JWTs it signs). */
export const GOOGLE_SANDBOX_KEY_ID = '8f3c1e0a2b4d6f8091a2b3c4d5e6f708192a3b4c';

/** A not-secret RSA key, fixed so a key file saved from `basin sandbox` keeps working. */
export const GOOGLE_SANDBOX_PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\n' +
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDToks7Ko+/ybst\n' +
  'aza+F6YYFbhNfEJfSVJF2JL2MEBfdzpUezPuzJ2U0R62ikLOXEux26zoCgs83bno\n' +
  'SRCfEn4tc6eIhNTVfFlE4X+Ump5Q9/Csx4LGO9XHwJFTajJpMTnSwmxk45n3AQn5\n' +
  'oP5uVz79aIa8jIZzFsMqpqWOh7aZOS6yJg27kB8gFNZgec+T0Mrcf9G8TD2ca5h5\n' +
  'YzpEWEFImUhKpl3A7EJE4/+OA0Ugd8VADcfmWl8k4+7rCpexLg4ze8thVIEG5ZjR\n' +
  'JD+4heBUdZJt2EqGWwp7hVg/YY6VNfHVDF+y/ZusqxqvIVoTdlcLYHVVD+vrSG7K\n' +
  'tWPZ+3evAgMBAAECggEAZ7VSv4I6YkYlovq0n0+wdYIDSHlZfx9LoW2hiuIXUZD4\n' +
  'NRkQ2HdNy3T044f6d+yzrUtUvnrZifCv3xwa+JDT40sXMKfDMoDWsBH+9qAUb+Io\n' +
  'f0rfk2wT9Wiw7psObA0S5GyhOIluVCQessUJmaHIfN7hk/kbE7/2UOrMG3325btD\n' +
  'Ovq71NSMesKEk0wVlmOrxjnNONvrVCzx6w4qkXOzpC/lO0fK3WcaxcCH0mNrRZce\n' +
  'wk1a4vV6OobMNeYutgzxdpe1rNh8qoq0s/pGqkIRkTlFCe3zUqXTSIevYyOuFXQH\n' +
  'S+LxlDR0qti7QSY0yzF/TfQkON4aOVGE4aK/mCkeIQKBgQDrAzOdTBLXJjj3flBV\n' +
  '/tYMOXNoms2bJ+OMmrgP0hv5k/d2r4YuqIsgwXPL6+WazaLAIfafby09nhYYHv3n\n' +
  'l3cJzvPU4iwO8Y6fcJPZEo2S82KXMRq0YJ7+5F1rfmf0BR2DfckaRimUlZ+UYYMD\n' +
  'APbSvL/Ov0jGTYQiAuNLsKnNzwKBgQDmiJ4e/SzJBArJX+MO2fTZQPAgC5vIrCkT\n' +
  'jtwo9GVAYH7YfNrTPLp8q2hYb+Qn1qUshBXdf2NDF+h6HTCGkYiAPcwqo9syRPsW\n' +
  'e5EX5G487JuaKHdBHRCNhMZJMIglwWJ3PtM3RmYOwYS+BusDCErpJMFOtMiNmgGl\n' +
  'GLc1ptUQIQKBgBicQjhzsflj4E1SpfkLccDf90z6ARQBblvYC/RkLVfKffyozuVt\n' +
  '8vvgJk8xid7XL/bs15XEn7k3J9soy7AH9YhKatBdSv3Zn/TkZicyQS8lW6q3krNW\n' +
  '9u98XKgYGay9KGUPtBKTTGFp9cclGwIihLZ226M79tQFZBPnt4PCoVWTAoGAFhHK\n' +
  'IWlXWj8a0UBuukM/X3UKB+dUmJdyrz6j8P/Ema8jNZJuWH6d08WNDbpYez/fPC3A\n' +
  '8h154ThutxIITTmtealw3Dwnhd54syRNNZ5Wt1pnYxCwqfkgVov5d5Q/1G15AbVv\n' +
  '/wCsUIlSLeb3pKiskzlDkEdaU8QEmEuPboF0MEECgYEAzERyrmWktBcNIahSg0td\n' +
  'nwGVQ9rpEFW/EjpuCFuY8Ytm7yU5/zupI+pXHBUKNlWrKqQS9pomprLhFNsNo8qc\n' +
  '1VrJdyNqDSh1Aq4i4J9w4G/6m1G+2DLfGMIB4LXNj1A0CiFvBHutGsiL1gzB2okD\n' +
  '0T0es5DNJhVOsVS6RM3c4Mg=\n' +
  '-----END PRIVATE KEY-----\n';

let publicKey: KeyObject | undefined;

/** The public half, to verify signed assertions. */
export function sandboxPublicKey(): KeyObject {
  publicKey ??= createPublicKey(GOOGLE_SANDBOX_PRIVATE_KEY);
  return publicKey;
}

/** A service-account key file as Google issues it, pointing its token endpoint at the sandbox. */
export interface GoogleServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
}

/** The sandbox's key file, for a sandbox whose Google OAuth fake is at `tokenBaseUrl` (e.g. `http://127.0.0.1:4000/google-oauth`). */
export function sandboxServiceAccountKey(tokenBaseUrl: string): GoogleServiceAccountKeyFile {
  return {
    type: 'service_account',
    project_id: GOOGLE_SANDBOX_PROJECT,
    private_key_id: GOOGLE_SANDBOX_KEY_ID,
    private_key: GOOGLE_SANDBOX_PRIVATE_KEY,
    client_email: GOOGLE_SANDBOX_CLIENT_EMAIL,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: `${tokenBaseUrl}/token`,
  };
}
