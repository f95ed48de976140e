import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tokenFilePath } from './token-file.js';
import { TOKEN_PREFIX, tokenMatches } from './token-secret.js';
import { createFirstToken, createToken, listTokens, revokeToken } from './token-store.js';
import { TokenVerifier } from './token-verifier.js';

describe('the token file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'basin-tokens-'));
    file = tokenFilePath(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('stores a SHA-256 hash, never the token, in a 0600 file', async () => {
    const made = await createToken(file, 'ci');
    expect(made.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(made.token.length).toBe(TOKEN_PREFIX.length + 43);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(made.token);
    expect(text).not.toContain(made.token.slice(TOKEN_PREFIX.length));
    const stored = (JSON.parse(text) as { tokens: Array<{ hash: string }> }).tokens[0]!;
    expect(stored.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(tokenMatches(made.token, stored.hash)).toBe(true);
    expect(tokenMatches(`${made.token}x`, stored.hash)).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('lists without hashes, refuses duplicate active names and bad names, revokes by id or name', async () => {
    const a = await createToken(file, 'ci', new Date('2026-01-01T00:00:00Z'));
    await expect(createToken(file, 'ci')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(createToken(file, 'no spaces')).rejects.toMatchObject({ code: 'USAGE' });
    const b = await createToken(file, 'laptop');
    expect(await listTokens(file)).toEqual([
      { id: a.info.id, name: 'ci', created_at: '2026-01-01T00:00:00.000Z', last_used_at: null, revoked_at: null },
      expect.objectContaining({ id: b.info.id, name: 'laptop', revoked_at: null }),
    ]);
    expect(JSON.stringify(await listTokens(file))).not.toContain('sha256');
    expect((await revokeToken(file, b.info.id, new Date('2026-02-01T00:00:00Z'))).revoked_at).toBe('2026-02-01T00:00:00.000Z');
    expect((await revokeToken(file, 'ci')).id).toBe(a.info.id);
    await expect(revokeToken(file, 'ci')).rejects.toThrow(/already revoked/);
    await expect(revokeToken(file, a.info.id)).rejects.toThrow(/already revoked/);
    await expect(revokeToken(file, 'nobody')).rejects.toThrow(/no token with id or name 'nobody'/);
    // A revoked name can be used again.
    expect((await createToken(file, 'ci')).info.name).toBe('ci');
  });

  it('makes a first token only when the project never had a token file', async () => {
    const first = await createFirstToken(file);
    expect(first?.info.name).toBe('default');
    await revokeToken(file, 'default');
    expect(await createFirstToken(file)).toBeUndefined();
  });

  it('keeps every token when several writers create at once (lock file)', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createToken(file, `t${i}`)));
    expect((await listTokens(file)).map((t) => t.id).sort()).toEqual(made.map((m) => m.info.id).sort());
  });

  it('says which file is broken', async () => {
    await createToken(file, 'ci');
    await writeFile(file, '{ nope');
    await expect(listTokens(file)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('tokens.json') });
  });
});

describe('TokenVerifier', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'basin-verify-'));
    file = tokenFilePath(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('records last use on flush without losing tokens made meanwhile', async () => {
    const made = await createToken(file, 'ci');
    const verifier = new TokenVerifier({ file, logger: silentLogger, now: () => new Date('2026-03-01T12:00:00Z'), flushMs: 60_000 });
    expect(await verifier.verify(made.token)).toEqual({ id: made.info.id, name: 'ci' });
    const other = await createToken(file, 'other');
    await verifier.close();
    const list = await listTokens(file);
    expect(list.find((t) => t.name === 'ci')?.last_used_at).toBe('2026-03-01T12:00:00.000Z');
    expect(list.find((t) => t.name === 'other')).toMatchObject({ id: other.info.id, last_used_at: null });
  });

  it('accepts nothing stored while the file is broken, and ephemeral tokens always', async () => {
    const made = await createToken(file, 'ci');
    const verifier = new TokenVerifier({ file, logger: silentLogger });
    const local = verifier.addEphemeral('local-cli');
    await writeFile(file, 'not json');
    expect(await verifier.verify(made.token)).toBeUndefined();
    expect(await verifier.verify(local)).toMatchObject({ name: 'local-cli' });
    expect(await readFile(file, 'utf8')).not.toContain(local);
  });
});
