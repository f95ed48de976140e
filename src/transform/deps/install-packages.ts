/**
 * `basin deps`: installs the packages of packages.yml into the project's
 * packages folder (dbt_packages/ by default), as `dbt deps` does: the folder
 * is emptied, then each package is copied in under the `name:` of its own
 * dbt_project.yml. Local packages are copied from their folder (relative to
 * the project); git packages are cloned (`git clone`, then the revision
 * checked out), which works offline for repositories already on disk (a
 * path or file:// URL) and online for any remote git can reach. dbt Hub
 * packages need the Hub's index, which this machine may not reach: they fail
 * with a message saying to use `git:` or `local:` instead.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadDbtProjectFile, type PackageSpec, type ProjectConfig } from '../../config/index.js';
import { BasinError, ConfigError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

const run = promisify(execFile);

/** One installed package. */
export interface InstalledPackage {
  name: string;
  version?: string | undefined;
  source: string;
  dir: string;
}

const SKIP = new Set(['.git', 'target', 'dbt_packages', 'dbt_modules', 'logs', 'node_modules']);

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The `name:` (and version) of the package in `dir`, from its dbt_project.yml. */
async function packageName(dir: string, source: string): Promise<{ name: string; version?: string | undefined }> {
  try {
    const project = await loadDbtProjectFile(path.join(dir, 'dbt_project.yml'), `${source}/dbt_project.yml`);
    return { name: project.name, version: project.version };
  } catch (err) {
    throw new BasinError('CONFIG_INVALID', `package ${source} has no readable dbt_project.yml: ${errorMessage(err)}`, { cause: err });
  }
}

async function cloneGit(spec: Extract<PackageSpec, { kind: 'git' }>, rootDir: string, logger: Logger): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const work = await mkdtemp(path.join(tmpdir(), 'basin-deps-'));
  const cleanup = () => rm(work, { recursive: true, force: true });
  // A relative path is relative to the project, as for local packages.
  const url = /^[a-z][a-z0-9+.-]*:|^git@/i.test(spec.git) || path.isAbsolute(spec.git) ? spec.git : path.resolve(rootDir, spec.git);
  try {
    await run('git', ['clone', '--quiet', url, path.join(work, 'repo')], { timeout: 120_000 });
    if (spec.revision) await run('git', ['-C', path.join(work, 'repo'), 'checkout', '--quiet', spec.revision], { timeout: 60_000 });
    else logger.warn(`package ${spec.git} has no revision: installing the default branch (pin one with revision:)`);
  } catch (err) {
    await cleanup();
    const detail = errorMessage(err).split('\n').find((l) => /fatal|error/i.test(l)) ?? errorMessage(err).split('\n')[0];
    throw new BasinError('CONFIG_INVALID', `git package ${spec.git}${spec.revision ? ` @ ${spec.revision}` : ''} could not be installed: ${detail}`, { cause: err });
  }
  return { dir: path.join(work, 'repo', spec.subdirectory ?? ''), cleanup };
}

/** Installs every package of `specs` into the project's packages folder; returns what was installed. */
export async function installPackages(config: ProjectConfig, specs: readonly PackageSpec[], file: string, logger: Logger): Promise<InstalledPackage[]> {
  const target = path.resolve(config.rootDir, config.packagesInstallPath);
  await rm(target, { recursive: true, force: true });
  const installed: InstalledPackage[] = [];
  for (const spec of specs) {
    const where = { location: { file }, key: `packages[${spec.index}]` };
    if (spec.kind === 'hub') {
      throw new ConfigError(
        `${spec.package}: dbt Hub packages need the Hub's index over the network; install it from git (git: <its repository URL or a clone on disk>, revision: ${spec.version ?? '<tag>'}) or from a local copy (local: <folder>)`,
        where,
      );
    }
    let source: string;
    let dir: string;
    let cleanup: (() => Promise<void>) | undefined;
    if (spec.kind === 'local') {
      source = spec.local;
      dir = path.resolve(config.rootDir, spec.local);
      if (!(await isDir(dir))) throw new ConfigError(`local package ${spec.local} is not a folder (resolved to ${dir})`, where);
    } else {
      source = spec.git;
      ({ dir, cleanup } = await cloneGit(spec, config.rootDir, logger));
    }
    try {
      const { name, version } = await packageName(dir, source);
      if (installed.some((p) => p.name === name)) throw new ConfigError(`package ${name} is listed twice`, where);
      const dest = path.join(target, name);
      await cp(dir, dest, { recursive: true, filter: (src) => src === dir || !SKIP.has(path.basename(src)) });
      installed.push({ name, version, source, dir: path.relative(config.rootDir, dest).split(path.sep).join('/') });
      logger.info(`installed ${name}${version ? ` ${version}` : ''} from ${source}`);
    } finally {
      await cleanup?.();
    }
  }
  return installed;
}
