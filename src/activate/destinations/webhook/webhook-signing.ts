/**
 * Basin's webhook signature, what a receiver verifies: `X-Basin-Timestamp`
 * (unix seconds) and `X-Basin-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + raw body)>`.
 */
import { createHmac } from 'node:crypto';

/** The headers signing `body` at `nowMs`. */
export function signatureHeaders(secret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-basin-timestamp': timestamp, 'x-basin-signature': `sha256=${hex}` };
}
