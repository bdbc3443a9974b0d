import { type Kysely, type RawBuilder, sql } from 'kysely';
import pg from 'pg';

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Percentiles of the `ms` column a benchmark's query selects, computed in Postgres, rounded to 0.1 ms. */
export async function latencyPercentiles<DB>(db: Kysely<DB>, timed: RawBuilder<unknown>): Promise<Percentiles> {
  const result = await sql<Percentiles>`
    select
      percentile_cont(0.5) within group (order by ms) as p50,
      percentile_cont(0.95) within group (order by ms) as p95,
      percentile_cont(0.99) within group (order by ms) as p99,
      max(ms) as max
    from (${timed}) as timed
  `.execute(db);
  const row = result.rows[0] as Percentiles;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(row.p50), p95: round(row.p95), p99: round(row.p99), max: round(row.max) };
}

/** Drops a benchmark's schemas once its engine has stopped (workers would trip over missing tables). */
export async function dropSchemas(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
