import pg from 'pg';

/** Drops every schema whose name starts with `prefix` on the local Postgres. */
export async function dropSchemas(prefix: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const res = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like $1`, [`${prefix}%`]);
    for (const row of res.rows) await client.query(`drop schema if exists "${row.nspname.replace(/"/g, '""')}" cascade`);
  } finally {
    await client.end();
  }
}
