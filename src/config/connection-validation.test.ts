import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { validateConnectionConfig, validateStreamSettings } from './connection-validation.js';
import { parseConnectionFile } from './sources-file.js';
import { parseYamlText } from './yaml-file.js';

const SECRET = 'pw_TOP_SECRET_42';

async function connection(text: string) {
  return parseConnectionFile(parseYamlText(text, 'sources/pg.yml'), { name: 'pg', rootDir: '/nowhere', env: { PGPASS: SECRET } });
}

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const pgSchema = z.strictObject({
  host: z.string(),
  port: z.coerce.number().int().max(65535).default(5432),
  user: z.string(),
  password: z.string().min(40),
  sslmode: z.enum(['disable', 'require']).optional(),
});

describe('validateConnectionConfig', () => {
  it('returns the parsed config', async () => {
    const c = await connection('type: postgres\nconfig:\n  host: db\n  port: "6543"\n  user: u\n  password: ${env:PGPASS}${env:PGPASS}${env:PGPASS}\n');
    expect(validateConnectionConfig(c, pgSchema)).toEqual({ host: 'db', port: 6543, user: 'u', password: SECRET.repeat(3) });
  });

  it('names file, line and key of each issue without echoing values', async () => {
    const c = await connection(
      ['type: postgres', 'config:', '  host: db', '  port: 99999', '  password: ${env:PGPASS}', '  sslmode: ${env:PGPASS}', '  extra: 1', ''].join('\n'),
    );
    const err = failure(() => validateConnectionConfig(c, pgSchema));
    expect(err.message).toBe(
      [
        'sources/pg.yml:4: config.port: must be at most 65535',
        '  also sources/pg.yml:2: config.user: is required (expected string)',
        '  also sources/pg.yml:5: config.password: must be at least 40 characters long',
        '  also sources/pg.yml:6: config.sslmode: expected one of disable, require',
        '  also sources/pg.yml:7: config.extra: unknown key "extra"; allowed keys: host, port, user, password, sslmode',
      ].join('\n'),
    );
    expect(err.location).toEqual({ file: 'sources/pg.yml', line: 4 });
    expect(err.key).toBe('config.port');
    expect(err.message).not.toContain(SECRET);
  });

  it('scrubs secrets from custom refinement messages', async () => {
    const c = await connection('type: postgres\nconfig:\n  password: ${env:PGPASS}\n');
    const leaky = z.object({ password: z.string().refine(() => false, { error: (i) => `bad password ${String(i.input)}` }) });
    const err = failure(() => validateConnectionConfig(c, leaky));
    expect(err.message).toBe('sources/pg.yml:3: config.password: bad password ***');
  });

  it('validates one stream\'s settings', async () => {
    const c = await connection('type: postgres\nstreams:\n  orders:\n    cursor: 5\n');
    const err = failure(() => validateStreamSettings(c, 'orders', z.object({ cursor: z.string() })));
    expect(err.message).toBe('sources/pg.yml:4: streams.orders.cursor: expected string, got an integer');
  });
});
