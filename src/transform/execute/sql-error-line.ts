import { WarehouseError } from '../../core/errors.js';

const countLines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

function findWarehouseError(err: unknown): WarehouseError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current instanceof WarehouseError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/** The 1-based line within the failed statement, from DuckDB's `LINE n:` or Postgres's character `position`. */
function statementLine(err: WarehouseError): number | undefined {
  const duck = /\bLINE (\d+):/.exec(err.message);
  if (duck) return Number(duck[1]);
  const position = Number((err.cause as { position?: unknown } | undefined)?.position);
  if (err.sql && Number.isInteger(position) && position > 0) return countLines(err.sql.slice(0, position - 1)) + 1;
  return undefined;
}

/**
 * Where in a node's compiled SQL a warehouse error points: the statement's
 * error line shifted by where the compiled SQL sits inside the statement
 * (e.g. after `CREATE VIEW ... AS (`). Undefined when the warehouse did not
 * say, or the error is in SQL Basin wrapped around the model.
 */
export function compiledSqlErrorLine(err: unknown, compiledSql: string): number | undefined {
  const wh = findWarehouseError(err);
  if (!wh?.sql) return undefined;
  const line = statementLine(wh);
  const at = wh.sql.indexOf(compiledSql);
  if (line === undefined || at === -1) return undefined;
  const inCompiled = line - countLines(wh.sql.slice(0, at));
  return inCompiled >= 1 && inCompiled <= countLines(compiledSql) + 1 ? inCompiled : undefined;
}
