import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** Output of one in-process CLI call. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `basin <args>` in process with captured output. */
export async function basin(args: string[], cwd: string = process.cwd()): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A temp folder removed by `cleanup`. */
export async function tempDir(prefix = 'basin-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies an example project into a temp folder. */
export async function copyExample(name: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir(`basin-${name}-`);
  await cp(path.join(REPO_ROOT, 'examples', name), t.dir, {
    recursive: true,
    filter: (src) => !/(target|warehouse\.duckdb(\.wal)?)$/.test(src),
  });
  return t;
}

/** Writes files (path -> content) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/** A Postgres warehouse block for basin.yml using a fresh schema on the local server. */
export function postgresWarehouseYaml(schema: string): string {
  return `warehouse:\n  type: postgres\n  host: 127.0.0.1\n  port: 5432\n  user: postgres\n  database: postgres\nschema: ${schema}\n`;
}

/** A unique lower-case schema name for a test. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs `basin query --json` in a project and returns the rows (fails the test on a non-zero exit). */
export async function queryRows(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const q = await basin(['query', sql, '--project', dir, '--json']);
  if (q.code !== 0) throw new Error(`basin query failed (${q.code}): ${q.stderr}`);
  return JSON.parse(q.stdout) as Array<Record<string, unknown>>;
}
