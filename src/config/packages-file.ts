/**
 * `packages.yml` (or dbt 1.6+'s `dependencies.yml`): the dbt packages a
 * project uses. Each entry is a local folder, a git repository (any URL or
 * path `git clone` accepts, with an optional revision and subdirectory), or
 * a dbt Hub package (which needs the Hub's index over the network).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from './yaml-file.js';
import { zodIssuesToConfigError } from './zod-issues.js';

export type PackageSpec =
  | { kind: 'local'; local: string; index: number }
  | { kind: 'git'; git: string; revision?: string | undefined; subdirectory?: string | undefined; index: number }
  | { kind: 'hub'; package: string; version?: string | undefined; index: number };

const version = z.union([z.string(), z.number().transform(String), z.array(z.union([z.string(), z.number().transform(String)])).transform((v) => v.join(', '))]);

const entry = z.union([
  z.strictObject({ local: z.string().min(1) }),
  z.strictObject({ git: z.string().min(1), revision: z.union([z.string(), z.number().transform(String)]).optional(), subdirectory: z.string().min(1).optional(), warn_unpinned: z.boolean().optional() }),
  z.strictObject({ package: z.string().min(1), version: version.optional(), install_prerelease: z.boolean().optional() }),
]);

const packagesFileSchema = z.strictObject({ packages: z.array(entry).default([]), projects: z.array(z.unknown()).optional() });

/** The package file of `rootDir` (packages.yml, else dependencies.yml) and its entries; [] when there is none. */
export async function loadPackageSpecs(rootDir: string): Promise<{ file?: string; packages: PackageSpec[] }> {
  for (const name of ['packages.yml', 'dependencies.yml']) {
    const full = path.join(rootDir, name);
    try {
      await access(full);
    } catch {
      continue;
    }
    const yaml = await readYamlFile(full, name);
    const parsed = packagesFileSchema.safeParse(yaml.value ?? {});
    if (!parsed.success) throw zodIssuesToConfigError(parsed.error.issues, { yaml, input: yaml.value, schema: packagesFileSchema });
    return {
      file: name,
      packages: parsed.data.packages.map((p, index): PackageSpec => {
        if ('local' in p) return { kind: 'local', local: p.local, index };
        if ('git' in p) return { kind: 'git', git: p.git, revision: p.revision, subdirectory: p.subdirectory, index };
        return { kind: 'hub', package: p.package, version: p.version, index };
      }),
    };
  }
  return { packages: [] };
}
