/**
 * Basin's webhook signature: `X-Basin-Timestamp: <unix seconds>` and
 * `X-Basin-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
 * The receiver recomputes it over the raw body and compares in constant time,
 * and refuses timestamps too far from its clock (replays).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Why a signature was refused, or undefined when it is valid. */
export function signatureProblem(
  secret: string,
  headers: Headers,
  body: string,
  nowMs: number,
  toleranceSeconds: number,
): string | undefined {
  const signature = headers.get('x-basin-signature');
  const timestamp = headers.get('x-basin-timestamp');
  if (!signature) return 'missing X-Basin-Signature header';
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed X-Basin-Timestamp header';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return `timestamp outside the ${toleranceSeconds} s tolerance`;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'signature mismatch';
  return undefined;
}
