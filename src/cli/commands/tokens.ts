/**
 * `basin tokens create|list|revoke`: the API tokens of `basin serve`, kept
 * hashed in the project's .basin/tokens.json. Works on the file directly (no
 * server needed); a running server sees the change on its next request.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BasinError } from '../../core/errors.js';
import { toJson } from '../../core/json-text.js';
import { tokenFilePath } from '../../server/auth/token-file.js';
import { createToken, listTokens, revokeToken, type TokenInfo } from '../../server/auth/token-store.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';

/** What `basin tokens` needs from main. */
export interface TokensContext {
  io: CliIo;
  run: (fn: () => Promise<number>) => () => Promise<void>;
}

interface TokensOptions {
  project: string;
  json?: boolean;
}

/** The token file of the project in --project (which must hold basin.yml or dbt_project.yml). */
function projectTokenFile(options: TokensOptions, io: CliIo): string {
  const root = path.resolve(io.cwd, options.project);
  if (!['basin.yml', 'basin.yaml', 'dbt_project.yml'].some((f) => existsSync(path.join(root, f)))) {
    throw new BasinError('USAGE', `no basin.yml or dbt_project.yml found in ${root} (use --project <dir>)`);
  }
  return tokenFilePath(root);
}

function tokenLine(t: TokenInfo): string[] {
  return [t.id, t.name, t.created_at, t.last_used_at ?? 'never', t.revoked_at ?? '-'];
}

function formatTokens(tokens: TokenInfo[]): string {
  if (tokens.length === 0) return 'No API tokens (basin serve makes one on its first start; or basin tokens create)\n';
  const rows = [['ID', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'], ...tokens.map(tokenLine)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return `${rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

/** Registers `basin tokens` and its subcommands on `program`. */
export function registerTokensCommand(program: Command, ctx: TokensContext): void {
  const { io, run } = ctx;
  const tokens = program.command('tokens').description("API tokens of basin serve (stored hashed in .basin/tokens.json)");
  tokens
    .command('create')
    .description('Make an API token and print it once (it is stored only as a hash)')
    .option('--project <dir>', 'project folder', '.')
    .option('--name <name>', 'a name to recognise it by (unique among active tokens; default token-<id>)')
    .option('--json', 'print { id, name, created_at, token } as JSON')
    .action((opts: TokensOptions & { name?: string }) =>
      run(async () => {
        const file = projectTokenFile(opts, io);
        const created = await createToken(file, opts.name);
        if (opts.json) io.stdout.write(`${toJson({ ...created.info, token: created.token })}\n`);
        else io.stdout.write(`API token (shown once): ${created.token}\n  id ${created.info.id}, name ${created.info.name}\n`);
        return EXIT_OK;
      })(),
    );
  tokens
    .command('list')
    .description('List the API tokens: id, name, created, last used, revoked (never the token)')
    .option('--project <dir>', 'project folder', '.')
    .option('--json', 'print the list as JSON')
    .action((opts: TokensOptions) =>
      run(async () => {
        const list = await listTokens(projectTokenFile(opts, io));
        io.stdout.write(opts.json ? `${toJson(list)}\n` : formatTokens(list));
        return EXIT_OK;
      })(),
    );
  tokens
    .command('revoke')
    .description('Revoke an API token by id or name; a running server refuses it from its next request')
    .argument('<id-or-name>', 'the id (basin tokens list) or the name of an active token')
    .option('--project <dir>', 'project folder', '.')
    .option('--json', 'print the revoked token as JSON')
    .action((idOrName: string, opts: TokensOptions) =>
      run(async () => {
        const revoked = await revokeToken(projectTokenFile(opts, io), idOrName);
        io.stdout.write(opts.json ? `${toJson(revoked)}\n` : `Revoked token ${revoked.id} (${revoked.name})\n`);
        return EXIT_OK;
      })(),
    );
}
