/**
 * The YAML files of one project folder (`sources/`, `destinations/`,
 * `syncs/`): `<name>.yml` or `.yaml`, sorted, each name once. No folder
 * means no files.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, errorMessage } from '../core/errors.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

const YAML_FILE = /\.ya?ml$/;

/** Each file of `folder` (relative to `rootDir`) parsed, with its base name, sorted by name. */
export async function readProjectYamlFiles(rootDir: string, folder: string, what: string): Promise<Array<{ name: string; yaml: YamlFile }>> {
  const dir = path.join(rootDir, folder);
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && !e.name.startsWith('.') && YAML_FILE.test(e.name)).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw new ConfigError(`cannot read folder: ${errorMessage(err)}`, { location: { file: folder } }, { cause: err });
  }
  names.sort();
  const seen = new Map<string, string>();
  const files: Array<{ name: string; yaml: YamlFile }> = [];
  for (const fileName of names) {
    const file = `${folder}/${fileName}`;
    const name = fileName.replace(YAML_FILE, '');
    const earlier = seen.get(name);
    if (earlier) throw new ConfigError(`${what} "${name}" is defined twice (also in ${earlier}); keep one file`, { location: { file } });
    seen.set(name, file);
    files.push({ name, yaml: await readYamlFile(path.join(dir, fileName), file) });
  }
  return files;
}
