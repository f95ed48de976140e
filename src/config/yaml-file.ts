/**
 * YAML files parsed with their positions kept, so that every config error can
 * name the file and the line of the offending key.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, errorMessage, type SourceLocation } from '../core/errors.js';

/** A path into a YAML value: map keys and sequence indexes. */
export type KeyPath = ReadonlyArray<string | number>;

/** A parsed YAML file: its plain value plus position lookups. */
export interface YamlFile {
  /** The path used in messages (usually relative to the project root). */
  readonly file: string;
  /** The plain JavaScript value of the document (`undefined` for an empty file). */
  readonly value: unknown;
  /** 1-based line of the key at `path`, or of its nearest existing ancestor. */
  lineOf(path: KeyPath): number | undefined;
  /** `{ file, line }` for the key at `path`. */
  locationOf(path: KeyPath): SourceLocation;
}

/** Parses YAML text; a syntax error becomes a ConfigError naming `file` and the line. */
export function parseYamlText(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const offset = first.pos[0];
    const line = lineCounter.linePos(offset).line;
    const detail = first.message.split('\n')[0] ?? first.message;
    throw new ConfigError(`invalid YAML: ${detail}`, { location: { file, line } });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new ConfigError(`invalid YAML: ${errorMessage(err)}`, { location: { file } }, { cause: err });
  }
  const lineOf = (path: KeyPath): number | undefined => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return {
    file,
    value: value ?? undefined,
    lineOf,
    locationOf: (path) => {
      const line = lineOf(path);
      return line === undefined ? { file } : { file, line };
    },
  };
}

/** Reads and parses a YAML file. `file` is the path shown in messages. */
export async function readYamlFile(absolutePath: string, file: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read file: ${errorMessage(err)}`, { location: { file } }, { cause: err });
  }
  return parseYamlText(text, file);
}

/** Offset of the key (for maps) or item (for sequences) deepest along `path`. */
function offsetOf(doc: Document, path: KeyPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Formats a key path as `models[0].columns[2].tests`. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** True for a plain (non-array) object, as YAML maps parse to. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
