/**
 * What `basin tokens` and `basin serve` do with the token file: create a
 * token (the only moment its value exists outside the caller), list, revoke,
 * and make the first one when the project has never had any.
 */
import { BasinError } from '../../core/errors.js';
import { readTokenFile, updateTokenFile, type StoredToken } from './token-file.js';
import { hashTokenSecret, newTokenId, newTokenSecret } from './token-secret.js';

/** A token as listed: everything but its hash. */
export type TokenInfo = Omit<StoredToken, 'hash'>;

/** A token just made: its record and its value (shown once, never stored). */
export interface CreatedToken {
  info: TokenInfo;
  token: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function info({ hash: _hash, ...rest }: StoredToken): TokenInfo {
  return rest;
}

function mint(name: string | undefined, now: Date): { stored: StoredToken; token: string } {
  const token = newTokenSecret();
  const id = newTokenId();
  return { token, stored: { id, name: name ?? `token-${id}`, hash: hashTokenSecret(token), created_at: now.toISOString(), last_used_at: null, revoked_at: null } };
}

/** Makes a token named `name` (letters, digits, `_ . -`; unique among tokens not revoked; default `token-<id>`). */
export async function createToken(file: string, name: string | undefined, now = new Date()): Promise<CreatedToken> {
  if (name !== undefined && !NAME.test(name)) throw new BasinError('USAGE', `token name '${name}' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit`);
  return updateTokenFile(file, (tokens) => {
    if (name !== undefined && tokens.some((t) => t.name === name && t.revoked_at === null)) {
      throw new BasinError('USAGE', `a token named '${name}' exists (revoke it first, or choose another --name)`);
    }
    const { stored, token } = mint(name, now);
    return { tokens: [...tokens, stored], result: { info: info(stored), token } };
  });
}

/**
 * The first token of a project, named "default": made only when the token
 * file does not exist yet. Undefined when the project has (or had) tokens.
 */
export async function createFirstToken(file: string, now = new Date()): Promise<CreatedToken | undefined> {
  return updateTokenFile(file, (tokens, existed): { tokens?: StoredToken[]; result: CreatedToken | undefined } => {
    if (existed) return { result: undefined };
    const { stored, token } = mint('default', now);
    return { tokens: [...tokens, stored], result: { info: info(stored), token } };
  });
}

/** Every token, oldest first, without hashes. */
export async function listTokens(file: string): Promise<TokenInfo[]> {
  return ((await readTokenFile(file)) ?? []).map(info);
}

/**
 * Revokes the token with this id, or the one token not revoked with this
 * name. Revoking a revoked token is an error (so a typo is never silent).
 */
export async function revokeToken(file: string, idOrName: string, now = new Date()): Promise<TokenInfo> {
  return updateTokenFile(file, (tokens) => {
    const byId = tokens.find((t) => t.id === idOrName);
    const target = byId ?? tokens.find((t) => t.name === idOrName && t.revoked_at === null);
    if (!target) {
      const revoked = tokens.some((t) => t.name === idOrName);
      throw new BasinError('USAGE', revoked ? `the token named '${idOrName}' is already revoked` : `no token with id or name '${idOrName}' (see basin tokens list)`);
    }
    if (target.revoked_at !== null) throw new BasinError('USAGE', `token ${target.id} (${target.name}) is already revoked`);
    const revoked = { ...target, revoked_at: now.toISOString() };
    return { tokens: tokens.map((t) => (t === target ? revoked : t)), result: info(revoked) };
  });
}
