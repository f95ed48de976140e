/** What `basin sandbox` runs: start the sandbox and log where everything is. */
import type { Logger } from '../core/logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox.js';

/** Starts the sandbox and logs its URL, each vendor's base URL and credentials, and the control endpoints. */
export async function runSandboxServer(options: SandboxOptions & { logger: Logger }): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  const { logger } = options;
  logger.info(`sandbox listening on ${sandbox.url}`, {
    url: sandbox.url,
    seed: sandbox.company.seed,
    scale: sandbox.company.scale,
    now: new Date(sandbox.clock.now()).toISOString(),
  });
  for (const vendor of sandbox.vendors) {
    logger.info(`${vendor.name}: ${sandbox.baseUrl(vendor.name)}`, { vendor: vendor.name, baseUrl: sandbox.baseUrl(vendor.name), ...vendor.credentials });
  }
  logger.info(`control: GET ${sandbox.url}/_sandbox, POST ${sandbox.url}/_sandbox/advance?hours=24, POST ${sandbox.url}/_sandbox/faults`);
  return sandbox;
}
