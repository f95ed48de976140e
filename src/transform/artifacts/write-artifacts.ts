import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../compile/manifest.js';
import type { RunSummary } from '../execute/run-types.js';
import { buildManifestJson, manifestNodeJson } from './manifest-json.js';
import { buildRunResults } from './run-results.js';

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

const CHUNK = 1 << 20;

/**
 * Writes manifest.json with its `nodes` streamed one node at a time, so a
 * 10,000-model project never holds the whole document in memory.
 */
function writeManifest(file: string, manifest: Manifest, compiled: Map<string, string>): void {
  const { nodes: _nodes, ...skeleton } = buildManifestJson(manifest, compiled, { withNodes: false });
  const rest = JSON.stringify(skeleton, jsonReplacer);
  const fd = openSync(file, 'w');
  try {
    let buffer = '{"nodes":{';
    let first = true;
    for (const node of manifest.nodes.values()) {
      buffer += `${first ? '' : ','}${JSON.stringify(node.uniqueId)}:${JSON.stringify(manifestNodeJson(manifest, node, compiled), jsonReplacer)}`;
      first = false;
      if (buffer.length >= CHUNK) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    // `rest` is the document without nodes: splice it in after the nodes map.
    writeSync(fd, `${buffer}},${rest.slice(1)}`);
  } finally {
    closeSync(fd);
  }
}

/** Writes target/manifest.json and, after a run, target/run_results.json (compact JSON, as dbt writes them). */
export async function writeArtifacts(manifest: Manifest, summary: RunSummary | undefined, args: Record<string, unknown>): Promise<void> {
  const dir = path.join(manifest.config.rootDir, manifest.config.targetPath);
  mkdirSync(dir, { recursive: true });
  const compiled = new Map<string, string>();
  for (const r of summary?.results ?? []) if (r.compiledCode !== undefined) compiled.set(r.uniqueId, r.compiledCode);
  writeManifest(path.join(dir, 'manifest.json'), manifest, compiled);
  if (summary) writeFileSync(path.join(dir, 'run_results.json'), JSON.stringify(buildRunResults(summary, args), jsonReplacer));
}
