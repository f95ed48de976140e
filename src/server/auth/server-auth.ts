/**
 * Access control of one `basin serve` process: the hook on /api/, the
 * verifier reading the project's token file, the secret guard on /api/
 * responses, and the "local-cli" token that
 * lives only in this process (the server writes it to .basin/server.json for
 * the CLI; it stops working when the process ends).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.js';
import { registerApiAuth } from './api-auth.js';
import { registerSecretGuard } from './secret-guard.js';
import { tokenFilePath } from './token-file.js';
import { createFirstToken, listTokens, type CreatedToken } from './token-store.js';
import { TokenVerifier } from './token-verifier.js';

/** Name of the per-process token the CLI uses to reach this server. */
export const LOCAL_CLI_TOKEN = 'local-cli';

export interface ServerAuth {
  /** This process's token for the CLI (write it only to a 0600 file). */
  localToken: string;
  /**
   * Call once the server listens: makes the project's first token ("default")
   * when it never had one and returns it to print once; warns when every
   * stored token is revoked.
   */
  firstStart(): Promise<CreatedToken | undefined>;
  /** Writes pending last-used times. */
  close(): Promise<void>;
}

/**
 * Installs token auth on `app` (before its routes) for the project in
 * `projectDir`, and the scrubbing of `secrets` from every /api/ response.
 */
export function installServerAuth(app: FastifyInstance, options: { projectDir: string; logger: Logger; secrets?: readonly string[] }): ServerAuth {
  const file = tokenFilePath(options.projectDir);
  const verifier = new TokenVerifier({ file, logger: options.logger });
  registerApiAuth(app, verifier);
  registerSecretGuard(app, options.secrets ?? []);
  return {
    localToken: verifier.addEphemeral(LOCAL_CLI_TOKEN),
    firstStart: async () => {
      const first = await createFirstToken(file);
      if (!first && (await listTokens(file)).every((t) => t.revoked_at !== null)) {
        options.logger.warn('every API token of this project is revoked: make one with `basin tokens create` to use the API or the UI');
      }
      return first;
    },
    close: () => verifier.close(),
  };
}
