import type { TableRef } from '../../core/types.js';

/** The relation a table or view is built into before it is swapped in (dbt's `__dbt_tmp`). */
export function tempRelation(ref: TableRef): TableRef {
  return { ...ref, name: `${ref.name}__dbt_tmp` };
}

/** The name the old relation takes during a swap (dbt's `__dbt_backup`). */
export function backupRelation(ref: TableRef): TableRef {
  return { ...ref, name: `${ref.name}__dbt_backup` };
}
