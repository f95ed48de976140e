import type { LogicalType, Row } from '../../core/types.js';

/** A seed column: its inferred type, or the native type `column_types` forces. */
export interface SeedColumn {
  name: string;
  /** Inferred type; `text` for columns with a `nativeTypeOverride` (their values stay strings, as in dbt). */
  logicalType: LogicalType;
  /** The `column_types` entry for this column, a warehouse-native type such as `varchar(10)`. */
  nativeTypeOverride?: string | undefined;
}

/** A parsed seed. */
export interface SeedTable {
  columns: SeedColumn[];
  /** One object per data row, keyed by column name, values converted per column type. */
  rows: Row[];
}

/** Options of `parseSeedCsv`. */
export interface ParseSeedOptions {
  /** Path shown in errors, e.g. `seeds/countries.csv`. */
  file: string;
  /** Field delimiter (dbt's `delimiter` seed config); default `,`. */
  delimiter?: string | undefined;
  /** dbt's `column_types` seed config: column name to native type. */
  columnTypes?: Readonly<Record<string, string>> | undefined;
}
