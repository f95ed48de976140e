/**
 * The SQL workbench: write a query (completion of the warehouse's schemas,
 * tables and columns from GET /api/warehouse/schema), run it with the button
 * or Ctrl/Cmd-Enter (POST /api/query, read-only unless the server allows
 * writes), see the result in a sortable, paged grid or a quick chart, and
 * download the whole result as CSV (POST /api/query/csv re-runs the query,
 * read-only, and streams every row). Recent queries are kept in localStorage.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { WarehouseSchemaJson } from '../../../src/server/workbench/schema-json';
import { PageHeader } from '../../components/page-header';
import { count, formatDuration } from '../../format';
import { useApi } from '../../use-api';
import { download } from '../dashboards/download';
import { csvFileName } from './csv';
import { loadDraft, loadHistory, saveDraft, saveHistory, withEntry, type HistoryEntry } from './query-history';
import { changesSchema, describeFailure, ROW_LIMIT, runQuery, type QueryFailure, type QueryOutcome } from './query-run';
import { QueryHistory } from './query-history-list';
import { ResultChart } from './result-chart';
import { ResultGrid } from './result-grid';
import { SchemaTree } from './schema-tree';
import { completionNamespace } from './sql-completion';
import { SqlEditor, type EditorControl } from './sql-editor';
import { useDark } from '../../use-dark';
import './workbench.css';

const FIRST_QUERY = 'select 42 as answer';

export function WorkbenchPage() {
  const dark = useDark();
  const schema = useApi<WarehouseSchemaJson>('/api/warehouse/schema');
  const completion = useMemo(() => (schema.data ? { namespace: completionNamespace(schema.data), defaultSchema: schema.data.default_schema } : undefined), [schema.data]);
  const sqlRef = useRef(loadDraft() ?? FIRST_QUERY);
  const editor = useRef<EditorControl>();
  const [outcome, setOutcome] = useState<QueryOutcome>();
  const [running, setRunning] = useState(false);
  const [view, setView] = useState<'table' | 'chart'>('table');
  const [history, setHistory] = useState<HistoryEntry[]>(loadHistory);
  const abortRef = useRef<AbortController>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Pick<QueryFailure, 'title' | 'message'>>();

  const exportCsv = async (sql: string, at: Date) => {
    setExporting(true);
    setExportError(undefined);
    try {
      await download('/api/query/csv', 'query.csv', { body: { sql }, fileName: csvFileName(at) });
    } catch (err) {
      setExportError(describeFailure(err));
    } finally {
      setExporting(false);
    }
  };

  const reloadSchema = schema.reload;
  const run = useCallback(async () => {
    const sql = sqlRef.current.trim();
    if (sql === '') return;
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setRunning(true);
    setExportError(undefined);
    try {
      const result = await runQuery(sql, abort.signal);
      setOutcome(result);
      // DDL on a server that allows writes changes what completion offers.
      if (result.ok && changesSchema(sql)) reloadSchema();
      setHistory((h) => {
        const next = withEntry(h, { sql, at: new Date().toISOString(), ok: result.ok, ms: Math.round(result.ms), ...(result.ok ? { rows: result.row_count } : {}) });
        saveHistory(next);
        return next;
      });
    } catch {
      // Aborted by a newer run or Cancel: that run reports.
    } finally {
      if (abortRef.current === abort) setRunning(false);
    }
  }, [reloadSchema]);

  const cancel = () => {
    abortRef.current?.abort();
    abortRef.current = undefined;
    setRunning(false);
  };

  return (
    <div className="page wb-page">
      <PageHeader title="SQL workbench" subtitle="Query the warehouse: completion of schemas, tables and columns; results as a table, a chart or CSV." />
      <div className="wb-top">
        <section className="wb-editor-card" aria-label="Query">
          <SqlEditor
            initial={sqlRef.current}
            onChange={(sql) => {
              sqlRef.current = sql;
              saveDraft(sql);
            }}
            onRun={() => void run()}
            completion={completion}
            dark={dark}
            controlRef={editor}
          />
          <div className="wb-run-bar">
            <button type="button" className="btn primary" onClick={() => void run()} disabled={running}>
              {running ? 'Running…' : 'Run'}
            </button>
            {running && (
              <button type="button" className="btn ghost" onClick={cancel}>
                Cancel
              </button>
            )}
            <span className="muted small">
              <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd> runs · at most {count(ROW_LIMIT)} rows are fetched
            </span>
            {outcome?.ok && (
              <span className="wb-stats" data-testid="result-stats">
                {count(outcome.row_count)} {outcome.row_count === 1 ? 'row' : 'rows'} · {formatDuration(outcome.ms)}
              </span>
            )}
          </div>
        </section>
        <aside className="wb-side">
          <SchemaTree state={schema} onPick={(name) => editor.current?.insert(name)} />
          <QueryHistory
            history={history}
            onPick={(sql) => editor.current?.replace(sql)}
            onClear={() => {
              saveHistory([]);
              setHistory([]);
            }}
          />
        </aside>
      </div>

      {outcome && !outcome.ok && (
        <div className={`wb-error ${outcome.kind === 'read_only' ? 'wb-read-only' : ''}`} role="alert">
          <strong>{outcome.title}</strong>
          <pre>{outcome.message}</pre>
        </div>
      )}

      {outcome?.ok && (
        <section className="wb-result" aria-label="Result">
          <div className="wb-result-head">
            <div className="segmented" role="tablist" aria-label="Result view">
              <button type="button" role="tab" aria-selected={view === 'table'} onClick={() => setView('table')}>
                Table
              </button>
              <button type="button" role="tab" aria-selected={view === 'chart'} onClick={() => setView('chart')}>
                Chart
              </button>
            </div>
            {outcome.truncated && (
              <span className="badge badge-warn" data-testid="truncated">
                Showing the first {count(outcome.rows.length)} of {count(outcome.row_count)} rows
              </span>
            )}
            <button
              type="button"
              className="btn"
              disabled={outcome.columns.length === 0 || exporting}
              title="Runs the query again on the server (read-only) and downloads every row"
              onClick={() => void exportCsv(outcome.sql, outcome.at)}
            >
              {exporting ? 'Preparing CSV…' : `Download CSV${outcome.truncated ? ` (all ${count(outcome.row_count)} rows)` : ''}`}
            </button>
          </div>
          {exportError && (
            <div className="wb-error" role="alert" data-testid="csv-error">
              <strong>The CSV download failed: {exportError.title}</strong>
              <pre>{exportError.message}</pre>
            </div>
          )}
          {view === 'table' ? <ResultGrid columns={outcome.columns} rows={outcome.rows} /> : <ResultChart columns={outcome.columns} rows={outcome.rows} dark={dark} />}
        </section>
      )}
    </div>
  );
}
