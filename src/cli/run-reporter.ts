import type { NodeResult, RunEvent } from '../transform/execute/run-types.js';
import type { ProjectNode } from '../transform/project/types.js';

const WIDTH = 80;

function now(): string {
  return new Date().toISOString().slice(11, 19);
}

function describe(node: ProjectNode, relation: string | undefined): string {
  const where = relation ?? node.name;
  switch (node.resourceType) {
    case 'model':
      return `sql ${node.config.materialized} model ${where}`;
    case 'seed':
      return `seed file ${where}`;
    case 'snapshot':
      return `snapshot ${where}`;
    case 'test':
      return `test ${node.name}`;
    default:
      return `${node.resourceType} ${node.name}`;
  }
}

function dots(left: string, right: string): string {
  const fill = Math.max(3, WIDTH - left.length - right.length - 2);
  return `${left} ${'.'.repeat(fill)} ${right}`;
}

function statusWord(result: NodeResult): string {
  switch (result.status) {
    case 'success':
      return 'OK';
    case 'pass':
      return 'PASS';
    case 'warn':
      return 'WARN';
    case 'fail':
      return 'FAIL';
    case 'skipped':
      return 'SKIP';
    default:
      return 'ERROR';
  }
}

/** Prints dbt-style progress lines for run events to `out`. */
export function createRunReporter(out: NodeJS.WritableStream, relationOf: (node: ProjectNode) => string | undefined) {
  // `compile` prints no line per node (as dbt), only errors and the summary.
  let quiet = false;
  return (event: RunEvent): void => {
    if (quiet && (event.type === 'node_start' || (event.type === 'node_end' && event.result.status === 'success'))) return;
    switch (event.type) {
      case 'run_start':
        quiet = event.command === 'compile';
        out.write(`${now()}  Running ${event.total} node${event.total === 1 ? '' : 's'}\n`);
        break;
      case 'node_start':
        out.write(`${now()}  ${dots(`${event.index} of ${event.total} START ${describe(event.node, relationOf(event.node))}`, '[RUN]')}\n`);
        break;
      case 'node_end': {
        const r = event.result;
        const word = statusWord(r);
        const what = describe(event.node, relationOf(event.node));
        const failures = r.status === 'fail' || r.status === 'warn' ? ` ${r.failures ?? ''}`.trimEnd() : '';
        const verb = r.status === 'success' ? (event.node.resourceType === 'seed' ? ' loaded' : ' created') : r.status === 'error' ? ' in' : '';
        const head = `${event.index} of ${event.total} ${word}${failures}${verb} ${what}`;
        const tail = r.status === 'skipped' ? '[SKIP]' : `[${word}${failures} in ${r.executionTime.toFixed(2)}s]`;
        out.write(`${now()}  ${dots(head, tail)}\n`);
        break;
      }
      case 'run_end':
        printSummary(out, event.results, event.elapsedSeconds);
        break;
    }
  };
}

function printSummary(out: NodeJS.WritableStream, results: NodeResult[], elapsed: number): void {
  const count = (s: NodeResult['status'][]): number => results.filter((r) => s.includes(r.status)).length;
  const errors = results.filter((r) => r.status === 'error' || r.status === 'fail');
  const warns = results.filter((r) => r.status === 'warn');
  out.write(`${now()}  \n${now()}  Finished running ${results.length} nodes in ${elapsed.toFixed(2)}s.\n`);
  if (errors.length === 0) {
    out.write(`${now()}  Completed successfully${warns.length ? ` with ${warns.length} warning${warns.length === 1 ? '' : 's'}` : ''}\n`);
  } else {
    out.write(`${now()}  Completed with ${errors.length} error${errors.length === 1 ? '' : 's'} and ${warns.length} warning${warns.length === 1 ? '' : 's'}:\n`);
  }
  for (const r of [...errors, ...warns]) {
    out.write(`${now()}  \n${now()}  ${r.status === 'warn' ? 'Warning' : r.status === 'fail' ? 'Failure' : 'Error'} in ${r.uniqueId}\n`);
    for (const line of r.message.split('\n')) out.write(`${now()}    ${line}\n`);
  }
  out.write(
    `${now()}  \n${now()}  Done. PASS=${count(['success', 'pass'])} WARN=${warns.length} ERROR=${errors.length} SKIP=${count(['skipped'])} TOTAL=${results.length}\n`,
  );
}
