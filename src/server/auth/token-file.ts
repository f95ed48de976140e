/**
 * `.basin/tokens.json`: the project's API tokens as SHA-256 hashes with id,
 * name and times, never the tokens themselves. Mode 0600. Every change is a
 * read-modify-write under a lock file and lands with an atomic rename, so
 * `basin tokens` and a running `basin serve` can both change it.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BasinError } from '../../core/errors.js';

/** One stored token (times are ISO strings). */
export interface StoredToken {
  id: string;
  name: string;
  /** `sha256:<hex>` of the token. */
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const storedToken = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  hash: z.string().startsWith('sha256:'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
const tokenFileSchema = z.object({ version: z.literal(1), tokens: z.array(storedToken) });

/** How long a writer waits for the lock, and when a lock left by a dead writer is broken. */
const LOCK_WAIT_MS = 5_000;
const LOCK_STALE_MS = 10_000;

/** The token file of the project in `projectDir`. */
export function tokenFilePath(projectDir: string): string {
  return path.join(projectDir, '.basin', 'tokens.json');
}

/** The stored tokens; undefined when the file does not exist (no token was ever made). */
export async function readTokenFile(file: string): Promise<StoredToken[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BasinError('CONFIG_INVALID', `cannot read the API token file ${file}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BasinError('CONFIG_INVALID', `${file} is not valid JSON (fix it, or delete it to start without tokens)`, { cause: err });
  }
  const result = tokenFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new BasinError('CONFIG_INVALID', `${file} is not a Basin token file: ${result.error.issues[0]?.message ?? 'invalid'}`, { cause: result.error });
  }
  return result.data.tokens;
}

/**
 * Reads the tokens (an empty list when there is no file), lets `change`
 * return the new list and a result, writes the list (0600) and returns the
 * result. `change` returning undefined for the list leaves the file as it is.
 */
export async function updateTokenFile<T>(file: string, change: (tokens: StoredToken[], existed: boolean) => { tokens?: StoredToken[]; result: T }): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  const release = await lock(`${file}.lock`);
  try {
    const current = await readTokenFile(file);
    const { tokens, result } = change(current ?? [], current !== undefined);
    if (tokens) await writeAtomically(file, `${JSON.stringify({ version: 1, tokens }, null, 2)}\n`);
    return result;
  } finally {
    await release();
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask may have cleared bits but never adds any; chmod states the intent.
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

async function lock(lockFile: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new BasinError('CONFIG_INVALID', `cannot lock ${lockFile}`, { cause: err });
    }
    const age = await stat(lockFile).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > LOCK_STALE_MS) await rm(lockFile, { force: true });
    else if (Date.now() > deadline) throw new BasinError('CONFIG_INVALID', `${lockFile} is held by another process (delete it if no basin command is running)`);
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
