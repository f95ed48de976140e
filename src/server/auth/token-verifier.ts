/**
 * Checks the tokens a running server is given against the token file, which
 * it re-reads whenever the file changed (a `basin tokens create` or `revoke`
 * takes effect on the next request, no restart), plus tokens that live only
 * in this process (the CLI's "local-cli" token). Records when each stored
 * token was last used, written to the file at most once a minute and on close.
 */
import { stat } from 'node:fs/promises';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { readTokenFile, updateTokenFile, type StoredToken } from './token-file.js';
import { digestMatches, hashTokenSecret, newTokenId, newTokenSecret, sha256 } from './token-secret.js';

/** Who a valid token belongs to. */
export interface TokenIdentity {
  id: string;
  name: string;
}

export interface TokenVerifierOptions {
  /** The token file (tokenFilePath(projectDir)). */
  file: string;
  logger: Logger;
  now?: () => Date;
  /** How long last-used times wait before they are written (default 60 s). */
  flushMs?: number;
}

export class TokenVerifier {
  private stored: StoredToken[] = [];
  /** Identity of the file read last: inode, mtime and size; undefined before the first read or when missing. */
  private seen: string | undefined = 'unread';
  private readonly ephemeral: Array<TokenIdentity & { hash: string }> = [];
  private readonly lastUsed = new Map<string, string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: TokenVerifierOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Makes a token valid only while this verifier lives (never written anywhere by it); returns its value. */
  addEphemeral(name: string): string {
    const token = newTokenSecret();
    this.ephemeral.push({ id: newTokenId(), name, hash: hashTokenSecret(token) });
    return token;
  }

  /** The token's owner when `token` is valid (stored and not revoked, or ephemeral), else undefined. */
  async verify(token: string): Promise<TokenIdentity | undefined> {
    await this.refresh();
    const digest = sha256(token);
    // Compare with every candidate (no early exit), so timing does not tell which one matched.
    let match: TokenIdentity | undefined;
    let stored = false;
    for (const t of this.ephemeral) if (digestMatches(digest, t.hash) && !match) match = { id: t.id, name: t.name };
    for (const t of this.stored) {
      if (digestMatches(digest, t.hash) && t.revoked_at === null && !match) {
        match = { id: t.id, name: t.name };
        stored = true;
      }
    }
    if (match && stored) this.touch(match.id);
    return match;
  }

  /** Writes pending last-used times; the verifier keeps working afterwards. */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.lastUsed.size === 0) return;
    const used = new Map(this.lastUsed);
    this.lastUsed.clear();
    try {
      await updateTokenFile(this.options.file, (tokens, existed) => {
        if (!existed) return { result: undefined };
        const later = (a: string | null, b: string | undefined): string | null => (b !== undefined && (a === null || b > a) ? b : a);
        return { tokens: tokens.map((t) => ({ ...t, last_used_at: later(t.last_used_at, used.get(t.id)) })), result: undefined };
      });
    } catch (err) {
      this.options.logger.warn(`could not record when API tokens were last used: ${errorMessage(err)}`);
    }
  }

  /** Flushes and stops the timer. */
  async close(): Promise<void> {
    await this.flush();
  }

  private touch(id: string): void {
    this.lastUsed.set(id, this.now().toISOString());
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.options.flushMs ?? 60_000);
    this.flushTimer.unref();
  }

  private async refresh(): Promise<void> {
    const identity = await stat(this.options.file).then(
      (s) => `${s.ino}:${s.mtimeMs}:${s.size}`,
      () => undefined,
    );
    if (identity === this.seen) return;
    try {
      this.stored = identity === undefined ? [] : ((await readTokenFile(this.options.file)) ?? []);
      this.seen = identity;
    } catch (err) {
      // A broken file accepts no stored token until it changes (the error is logged once per change).
      this.stored = [];
      this.seen = identity;
      this.options.logger.error(`API tokens unavailable: ${errorMessage(err)}`);
    }
  }
}
