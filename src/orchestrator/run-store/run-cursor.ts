/**
 * listRuns' page cursor: the (createdAt, id) of the last run of a page, opaque
 * to callers (base64url of `<epoch ms>:<id>`).
 */
import { RunStoreError } from './run-store-errors.js';

export interface RunCursor {
  createdAt: Date;
  id: string;
}

export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeRunCursor(text: string): RunCursor {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{1,16}):(.+)$/.exec(raw);
  if (!match) throw new RunStoreError('invalid_argument', `not a run list cursor: ${JSON.stringify(text)}`);
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
