import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '../compile/manifest.js';
import type { RunSummary } from '../execute/run-types.js';
import { buildManifestJson } from './manifest-json.js';
import { buildRunResults } from './run-results.js';

/** Writes target/manifest.json and, after a run, target/run_results.json (compact JSON, as dbt writes them). */
export async function writeArtifacts(manifest: Manifest, summary: RunSummary | undefined, args: Record<string, unknown>): Promise<void> {
  const dir = path.join(manifest.config.rootDir, manifest.config.targetPath);
  await mkdir(dir, { recursive: true });
  const compiled = new Map<string, string>();
  for (const r of summary?.results ?? []) if (r.compiledCode !== undefined) compiled.set(r.uniqueId, r.compiledCode);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(buildManifestJson(manifest, compiled), jsonReplacer));
  if (summary) await writeFile(path.join(dir, 'run_results.json'), JSON.stringify(buildRunResults(summary, args), jsonReplacer));
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
