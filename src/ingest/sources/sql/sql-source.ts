/**
 * The Source both database connectors share: configured or discovered
 * streams, keys from the catalog, column hints, validation of key and cursor
 * columns, and check(). A driver adapter supplies the database-specific I/O.
 */
import { ConfigError, errorMessage } from '../../../core/errors.js';
import type { LogicalType } from '../../../core/types.js';
import type { CheckResult, Source, SourceContext, Stream, StreamDefinition } from '../../source.js';
import { databaseError } from './database-error.js';
import { defaultWrite, parseSqlStreams, type SqlStreamSettings } from './sql-stream-settings.js';

/** A described result column: its name and the loader's type hint, if any. */
export interface SqlColumn {
  name: string;
  hint?: LogicalType | undefined;
}

/** What a database connector plugs into SqlSource. */
export interface SqlDriver<Conn> {
  /** `postgres` or `mysql`. */
  readonly type: string;
  /** `host:port/database` (never the password). */
  readonly target: string;
  readonly password: string | undefined;
  /** Schema (database) discovered when no streams are configured, and of unqualified tables. */
  readonly defaultSchema: string;
  readonly defaultChunkSize: number;
  connect(signal: AbortSignal): Promise<Conn>;
  close(conn: Conn): Promise<void>;
  serverVersion(conn: Conn): Promise<string>;
  listTables(conn: Conn, schema: string): Promise<string[]>;
  primaryKey(conn: Conn, table: { schema: string; name: string }): Promise<string[]>;
  describe(conn: Conn, stream: SqlStreamSettings): Promise<SqlColumn[]>;
  createStream(definition: StreamDefinition, stream: SqlStreamSettings, chunkSize: number): Stream;
}

/** A database source over a driver. */
export class SqlSource<Conn> implements Source {
  readonly type: string;
  private readonly settings: SqlStreamSettings[];

  constructor(
    private readonly driver: SqlDriver<Conn>,
    private readonly context: SourceContext,
  ) {
    this.type = driver.type;
    this.settings = parseSqlStreams(context.streams, driver.defaultSchema);
  }

  async check(signal: AbortSignal): Promise<CheckResult> {
    let conn: Conn | undefined;
    try {
      conn = await this.driver.connect(signal);
      const version = await this.driver.serverVersion(conn);
      let what: string;
      if (this.settings.length > 0) {
        for (const s of this.settings) await this.describe(conn, s);
        const n = this.settings.length;
        what = `${n} stream${n === 1 ? '' : 's'} readable`;
      } else {
        const n = (await this.driver.listTables(conn, this.driver.defaultSchema)).length;
        what = `${n} table${n === 1 ? '' : 's'} readable in ${this.driver.defaultSchema}`;
      }
      return { ok: true, message: `connected to ${this.driver.type} ${version} at ${this.driver.target}; ${what}` };
    } catch (err) {
      return { ok: false, message: errorMessage(err) };
    } finally {
      if (conn !== undefined) await this.driver.close(conn);
    }
  }

  async streams(signal: AbortSignal): Promise<Stream[]> {
    const conn = await this.driver.connect(signal);
    try {
      const schema = this.driver.defaultSchema;
      const settings =
        this.settings.length > 0
          ? this.settings
          : (await this.driver.listTables(conn, schema)).map((name): SqlStreamSettings => ({ name, table: { schema, name } }));
      const out: Stream[] = [];
      for (const s of settings) out.push(await this.resolve(conn, s));
      return out;
    } finally {
      await this.driver.close(conn);
    }
  }

  private async describe(conn: Conn, s: SqlStreamSettings): Promise<SqlColumn[]> {
    try {
      return await this.driver.describe(conn, s);
    } catch (err) {
      throw databaseError('query', `${this.driver.type} stream ${s.name} (${this.driver.target})`, err, this.driver.password);
    }
  }

  private async resolve(conn: Conn, s: SqlStreamSettings): Promise<Stream> {
    const columns = await this.describe(conn, s);
    const names = new Set(columns.map((c) => c.name));
    const primaryKey = s.primaryKey ?? (s.table ? await this.driver.primaryKey(conn, s.table) : []);
    const wanted: Array<['primary_key' | 'cursor', string[]]> = [
      ['primary_key', primaryKey],
      ['cursor', s.cursor === undefined ? [] : [s.cursor]],
    ];
    for (const [key, cols] of wanted) {
      for (const col of cols) {
        if (!names.has(col)) {
          throw new ConfigError(`column "${col}" is not in the stream's result`, { key: `streams.${s.name}.${key}` });
        }
      }
    }
    const write = s.write ?? defaultWrite(primaryKey, s.cursor);
    if (write === 'merge' && primaryKey.length === 0) {
      throw new ConfigError('merge needs a primary key (none configured or found)', { key: `streams.${s.name}.primary_key` });
    }
    const hints: Record<string, LogicalType> = {};
    for (const c of columns) if (c.hint) hints[c.name] = c.hint;
    this.context.logger.debug('stream resolved', { stream: s.name, primaryKey, cursor: s.cursor, write });
    return this.driver.createStream(
      { name: s.name, primaryKey, cursorField: s.cursor, write, columns: hints },
      s,
      s.chunkSize ?? this.driver.defaultChunkSize,
    );
  }
}
