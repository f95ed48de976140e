/**
 * What the transform engine needs from the template engine. Kept narrow so the
 * engine can evolve (issue: run unmodified dbt projects) without touching the
 * compile pipeline.
 */

/** A callable template macro bound to a render context. */
export type BoundMacro = (...args: unknown[]) => unknown;

/** A `{% snapshot name %}` block of a snapshot file. */
export interface SnapshotBlock {
  name: string;
  /** 1-based line of the block in its file. */
  line: number;
  /** Renders the block's body (the snapshot's SELECT). */
  render(context: object): string;
}

/** A parsed template file: a model, a macro file, a snapshot file, a test. */
export interface ParsedTemplate {
  /** Renders the whole file. */
  render(context: object): string;
  /** Names of the macros the file defines at top level (generic tests as `test_<name>`). */
  macroNames(): string[];
  /** A macro of this file bound to `globals`: its free names resolve there. */
  macro(name: string, globals: object): BoundMacro;
  /** The file's snapshot blocks. */
  snapshots(): SnapshotBlock[];
  /** The file's `{% docs name %}` blocks: name and raw text. */
  docs(): Array<{ name: string; text: string }>;
}
