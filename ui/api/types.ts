/** JSON shapes of the runs and jobs API (src/server/api-routes.ts). Catalog shapes come from the server's own types. */
export type {
  AssetDetailJson,
  AssetRunJson,
  CatalogAssetJson,
  CatalogJson,
  ColumnJson,
  ConnectionJson,
  FreshnessJson,
  LastResultJson,
  StreamJson,
  TestJson,
} from '../../src/server/catalog/catalog-json';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'interrupted';

export interface StoredErrorJson {
  message: string;
  code?: string;
  detail?: unknown;
}

export interface RunJson {
  id: string;
  job: string | null;
  selector: string[];
  trigger: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  scheduled_for: string | null;
  error: StoredErrorJson | null;
}

export interface RunAssetJson {
  asset: string;
  kind: string;
  status: string;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  rows: number | null;
  error: StoredErrorJson | null;
}

export interface RunDetailJson extends RunJson {
  assets: RunAssetJson[];
}

export interface RunEventJson {
  seq: number;
  at: string;
  asset: string | null;
  level: 'debug' | 'info' | 'warn' | 'error';
  type: string;
  message: string;
  data: unknown;
}

export interface JobJson {
  name: string;
  select: string[];
  exclude: string[];
  schedule: string | null;
  timezone: string;
  enabled: boolean;
  next_run_at: string | null;
}
