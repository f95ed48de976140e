/**
 * The `credentials:` value of every Google connector (Firestore, Sheets,
 * Cloud Logging): a service-account key file as downloaded from Google Cloud,
 * given as JSON text (usually `${env:GOOGLE_SERVICE_ACCOUNT_JSON}`) or as a
 * YAML mapping. Errors never echo the text: it holds a private key.
 */
import { z } from 'zod';

/** The fields Basin reads from a service-account key; others are kept. */
const serviceAccountKey = z.looseObject({
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
  project_id: z.string().optional(),
});

/** A validated service-account key. */
export type GoogleCredentials = z.infer<typeof serviceAccountKey>;

/** Parses JSON text or a mapping into a service-account key. */
export const googleCredentialsSchema = z.union([z.string().min(1), z.record(z.string(), z.unknown())]).transform((value, ctx): GoogleCredentials => {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a service-account key file (JSON), got text that is not JSON' });
      return z.NEVER;
    }
  }
  const key = serviceAccountKey.safeParse(parsed);
  if (!key.success) {
    ctx.addIssue({ code: 'custom', message: 'expected a service-account key file with client_email and private_key' });
    return z.NEVER;
  }
  return key.data;
});
