import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BasinError, errorMessage, isAbortError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { compileNode } from '../compile/compile-node.js';
import type { Manifest } from '../compile/manifest.js';
import { foreignKeyRelationOf } from '../compile/constraint-targets.js';
import { runHooks } from '../compile/hooks.js';
import { resolveSnapshotSpec } from '../materialize/snapshot-plan.js';
import type { ProjectNode } from '../project/types.js';
import { applyRelationDocsAndGrants } from './apply-relation-docs-and-grants.js';
import { enforceContract } from './enforce-contract.js';
import { executeTest } from './execute-test.js';
import { materializeModel, type MaterializeOutcome } from './materialize-model.js';
import { materializeSeed } from './materialize-seed.js';
import { materializeSnapshot } from './materialize-snapshot.js';
import { RelationCache } from './relation-cache.js';
import type { NodeResult, NodeTiming, RunEvent, TransformCommand } from './run-types.js';
import { compiledSqlErrorLine } from './sql-error-line.js';

/**
 * Runs one dbt node at a time (compile, materialize or test) for a transform
 * command, and records skipped ones: what runTransform drives in graph order,
 * and what the orchestrator calls per asset. Errors become `error` results,
 * never exceptions.
 */

/** Options of {@link createTransformNodeRunner}. */
export interface TransformNodeRunnerOptions {
  command: TransformCommand;
  logger: Logger;
  /** The run's signal (a call may pass its own, e.g. with a timeout). */
  signal?: AbortSignal | undefined;
  emit?: ((event: RunEvent) => void) | undefined;
  /** Nodes in the run, for the `index of total` numbering. */
  total: number;
  /** Write compiled SQL under target/compiled and target/run (default true). */
  writeCompiled?: boolean | undefined;
}

/** Runs nodes one call at a time; share one per run (it caches relations). */
export interface TransformNodeRunner {
  run(id: string, threadId: string, signal?: AbortSignal): Promise<NodeResult>;
  skipped(id: string, because: string): NodeResult;
}

const now = (): Date => new Date();

function artifactPath(node: ProjectNode): string {
  if (node.resourceType === 'test' && node.testMetadata) {
    return path.posix.join(node.patchPath?.file ?? node.originalFilePath, `${node.shortName ?? node.name}.sql`);
  }
  return node.originalFilePath;
}

/** Creates the node runner of one run. */
export function createTransformNodeRunner(manifest: Manifest, warehouse: Warehouse, options: TransformNodeRunnerOptions): TransformNodeRunner {
  const { command, logger, total } = options;
  const emit = (e: RunEvent): void => options.emit?.(e);
  const relations = new RelationCache(warehouse);
  const targetDir = path.join(manifest.config.rootDir, manifest.config.targetPath);
  const writeCompiled = options.writeCompiled ?? true;
  // Nodes are numbered in the order they start, as dbt prints them.
  let order = 0;

  // Compiled SQL files are small and many: written synchronously (the
  // thread-pool round trip of async writes costs more than the write), and
  // only when their content changed (truncating a file costs ten reads).
  const madeDirs = new Set<string>();
  const write = (dir: 'compiled' | 'run', node: ProjectNode, sql: string): void => {
    if (!writeCompiled) return;
    const file = path.join(targetDir, dir, node.packageName, artifactPath(node));
    const folder = path.dirname(file);
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    let unchanged = false;
    try {
      unchanged = readFileSync(file, 'utf8') === sql;
    } catch {
      unchanged = false;
    }
    if (!unchanged) writeFileSync(file, sql);
  };

  const runNode = async (id: string, threadId: string, signal: AbortSignal | undefined = options.signal): Promise<NodeResult> => {
    const node = manifest.nodes.get(id) as ProjectNode;
    const index = ++order;
    emit({ type: 'node_start', node, index, total });
    const timing: NodeTiming[] = [];
    const t0 = Date.now();
    const relation = manifest.relations.get(id);
    const relationName = relation && node.resourceType !== 'test' ? manifest.dialect.relation(relation) : undefined;
    let compiledCode: string | undefined;
    let result: NodeResult;
    try {
      const compileStart = now();
      if (node.resourceType !== 'seed') {
        compiledCode = (await compileNode(manifest, node, { warehouse, relations, signal })).sql;
        write('compiled', node, compiledCode);
      }
      timing.push({ name: 'compile', startedAt: compileStart, completedAt: now() });
      const executeStart = now();
      let outcome: MaterializeOutcome & { status?: NodeResult['status']; failures?: number };
      if (command === 'compile' || node.resourceType === 'analysis') {
        outcome = { message: 'compiled' };
      } else if (node.resourceType === 'model') {
        await relations.ensureSchema(relation!.schema, relation!.database, signal);
        await runHooks(manifest, warehouse, 'pre_hook', signal, node);
        const contracted = await enforceContract(warehouse, node, relation!, compiledCode!, { signal, logger, relationOf: foreignKeyRelationOf(manifest, node) });
        outcome = await materializeModel({
          warehouse,
          relations,
          name: node.name,
          config: node.config,
          target: relation!,
          sql: contracted.sql,
          table: contracted.table,
          fullRefresh: manifest.invocation.fullRefresh,
          signal,
        });
        await applyRelationDocsAndGrants(warehouse, node, relation!, logger, signal);
        await runHooks(manifest, warehouse, 'post_hook', signal, node);
      } else if (node.resourceType === 'seed') {
        await relations.ensureSchema(relation!.schema, relation!.database, signal);
        outcome = await materializeSeed({ warehouse, relations, node, target: relation!, rootDir: manifest.config.rootDir, logger, signal });
        await applyRelationDocsAndGrants(warehouse, node, relation!, logger, signal);
      } else if (node.resourceType === 'snapshot') {
        await relations.ensureSchema(relation!.schema, relation!.database, signal);
        const spec = resolveSnapshotSpec(node.name, node.config, {
          target: relation!,
          staged: { ...relation!, name: `${relation!.name}__dbt_staged` },
          changes: { ...relation!, name: `${relation!.name}__dbt_tmp` },
        });
        await runHooks(manifest, warehouse, 'pre_hook', signal, node);
        outcome = await materializeSnapshot(warehouse, relations, spec, compiledCode!, signal);
        await applyRelationDocsAndGrants(warehouse, node, relation!, logger, signal);
        await runHooks(manifest, warehouse, 'post_hook', signal, node);
      } else if (node.resourceType === 'test') {
        const test = await executeTest(warehouse, node.name, compiledCode!, node.config, signal);
        outcome = { message: test.message, status: test.status, failures: test.failures };
        compiledCode = compiledCode!;
      } else {
        throw new BasinError('INTERNAL', `cannot run a ${node.resourceType}`);
      }
      if (command !== 'compile' && compiledCode !== undefined) write('run', node, compiledCode);
      timing.push({ name: 'execute', startedAt: executeStart, completedAt: now() });
      result = {
        uniqueId: id,
        status: outcome.status ?? 'success',
        message: outcome.message,
        timing,
        executionTime: (Date.now() - t0) / 1000,
        rowsAffected: outcome.rowsAffected,
        failures: node.resourceType === 'test' ? (outcome.failures ?? 0) : null,
        compiledCode,
        relationName,
        threadId,
      };
    } catch (err) {
      const message = isAbortError(err) ? 'cancelled' : errorMessage(err);
      logger.debug(`node ${id} failed`, { error: message });
      // Point at the compiled SQL (and its line, when the warehouse says) next to the source file.
      const line = compiledCode === undefined ? undefined : compiledSqlErrorLine(err, compiledCode);
      const compiledFile = path.posix.join(manifest.config.targetPath, 'compiled', node.packageName, artifactPath(node));
      const where = compiledCode === undefined ? '' : `, compiled SQL ${compiledFile}${line === undefined ? '' : `:${line}`}`;
      result = {
        uniqueId: id,
        status: 'error',
        message: `${node.resourceType} ${node.name} (${node.filePath ?? node.originalFilePath}${where}): ${message}`,
        timing,
        executionTime: (Date.now() - t0) / 1000,
        compiledCode,
        relationName,
        threadId,
      };
    }
    emit({ type: 'node_end', node, index, total, result });
    return result;
  };

  const skipped = (id: string, because: string): NodeResult => {
    const node = manifest.nodes.get(id) as ProjectNode;
    const result: NodeResult = {
      uniqueId: id,
      status: 'skipped',
      message: because === 'cancelled' ? 'skipped: the run was cancelled' : `skipped because ${because} failed`,
      timing: [],
      executionTime: 0,
      threadId: 'main',
      skippedBecause: because,
    };
    emit({ type: 'node_end', node, index: ++order, total, result });
    return result;
  };

  return { run: runNode, skipped };
}
