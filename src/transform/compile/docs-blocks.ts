/**
 * dbt docs blocks: `{% docs name %}...{% enddocs %}` in `.md` files, used in
 * descriptions as `{{ doc('name') }}` or `{{ doc('package', 'name') }}`.
 * Descriptions are rendered once at parse time, as dbt does, so manifests,
 * `persist_docs` comments and the catalog all see the final text.
 */
import { ConfigError } from '../../core/errors.js';
import type { DocsFile } from '../project/parsed-project.js';
import type { ColumnSpec, ProjectNode, SourceDefinition } from '../project/types.js';
import { parseTemplate } from './jinja-adapter.js';

/** Docs blocks by package, then name. */
export type DocsIndex = Map<string, Map<string, string>>;

/** Collects the docs blocks of every `.md` file; a name defined twice in one package is an error. */
export function collectDocsBlocks(files: readonly DocsFile[]): DocsIndex {
  const index: DocsIndex = new Map();
  const where = new Map<string, string>();
  for (const file of files) {
    const blocks = parseTemplate(file.source, file.filePath).docs();
    let pkg = index.get(file.packageName);
    if (!pkg) index.set(file.packageName, (pkg = new Map()));
    for (const block of blocks) {
      const key = `${file.packageName}.${block.name}`;
      if (pkg.has(block.name)) {
        throw new ConfigError(`docs block '${block.name}' is defined twice: ${where.get(key)} and ${file.filePath}`, {
          location: { file: file.filePath },
        });
      }
      pkg.set(block.name, block.text.trim());
      where.set(key, file.filePath);
    }
  }
  return index;
}

/** Looks a docs block up as dbt does: `doc(name)` in the node's package, then the root project, then any package. */
function lookupDoc(index: DocsIndex, currentPackage: string, rootPackage: string, args: unknown[]): string | undefined {
  const [a, b] = args.map((v) => (typeof v === 'string' ? v : String(v)));
  if (b !== undefined) return index.get(a as string)?.get(b);
  const name = a as string;
  const own = index.get(currentPackage)?.get(name) ?? index.get(rootPackage)?.get(name);
  if (own !== undefined) return own;
  for (const pkg of index.values()) {
    const found = pkg.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Renders one description; text without Jinja is returned as is. */
export function renderDescription(text: string, index: DocsIndex, currentPackage: string, rootPackage: string, where: string): string {
  if (!text.includes('{{') && !text.includes('{%')) return text;
  const doc = (...args: unknown[]): string => {
    const found = lookupDoc(index, currentPackage, rootPackage, args);
    if (found === undefined) {
      throw new ConfigError(`the description uses doc(${args.map((a) => `'${String(a)}'`).join(', ')}), which is not defined in any .md file`, {
        location: { file: where },
      });
    }
    return found;
  };
  return parseTemplate(text, where).render({ doc });
}

function renderColumns(columns: Record<string, ColumnSpec>, render: (text: string) => string): Record<string, ColumnSpec> {
  const out: Record<string, ColumnSpec> = {};
  for (const [name, column] of Object.entries(columns)) out[name] = { ...column, description: render(column.description) };
  return out;
}

/** A node with its description and column descriptions rendered. */
export function withRenderedDocs(node: ProjectNode, index: DocsIndex, rootPackage: string): ProjectNode {
  const where = node.patchPath?.file ?? node.filePath ?? node.originalFilePath;
  const render = (text: string): string => renderDescription(text, index, node.packageName, rootPackage, where);
  return { ...node, description: render(node.description), columns: renderColumns(node.columns, render) };
}

/** A source table with its descriptions rendered. */
export function sourceWithRenderedDocs(source: SourceDefinition, index: DocsIndex, rootPackage: string): SourceDefinition {
  const where = source.filePath ?? source.originalFilePath;
  const render = (text: string): string => renderDescription(text, index, source.packageName, rootPackage, where);
  return {
    ...source,
    description: render(source.description),
    sourceDescription: render(source.sourceDescription),
    columns: renderColumns(source.columns, render),
  };
}
