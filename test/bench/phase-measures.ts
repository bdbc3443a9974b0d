/**
 * What the HTTP benchmarks (http-throughput.ts, scale-out.ts, peers.ts) read back from the
 * database after a phase of load: how many of its items finished, how fast, and how long each
 * took. Every figure is Postgres' clock on both ends, so the load generator's own delays do not
 * enter it. A phase's items are named by its prefix: contacts `<prefix> <n>`, events with
 * `data.phase = <prefix>`.
 */
import type pg from 'pg';
import type { Percentiles } from './latency-percentiles.ts';

export type Flow = 'routing' | 'small';

export async function count(pool: pg.Pool, text: string, values: readonly unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(text, [...values]);
  return Number(rows[0]?.count ?? 0);
}

export async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** How many of a phase's items finished: outbound "te atiende" messages, or completed small-flow runs. */
export function finishedCount(pool: pg.Pool, flow: Flow, prefix: string): Promise<number> {
  return flow === 'routing'
    ? count(
        pool,
        `select count(*) from messages m join conversations c on c.id = m.conversation_id join contacts p on p.id = c.contact_id
         where m.direction = 'out' and p.name like $1`,
        [`${prefix} %`],
      )
    : count(pool, `select count(*) from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1 and r.status = 'completed'`, [prefix]);
}

/** Waits until every accepted item finished (or three minutes passed, then reports what did), then for the engine to go idle. */
export async function drained(pool: pg.Pool, flow: Flow, prefix: string, accepted: number): Promise<number> {
  await until(async () => (await finishedCount(pool, flow, prefix)) >= accepted, 180_000);
  await until(
    async () =>
      (await count(
        pool,
        `select (select count(*) from runs where status = 'running') + (select count(*) from messages where direction = 'out' and delivery_status = 'pending') as count`,
      )) === 0,
    180_000,
  );
  return finishedCount(pool, flow, prefix);
}

/** Finished items a second, from the phase's first accepted item to its last finished one. */
export async function completedPerSecond(pool: pg.Pool, flow: Flow, prefix: string, finished: number): Promise<number> {
  const span =
    flow === 'routing'
      ? `select extract(epoch from max(m.created_at) filter (where m.direction = 'out') - min(m.created_at) filter (where m.direction = 'in')) as seconds
         from messages m join conversations c on c.id = m.conversation_id join contacts p on p.id = c.contact_id where p.name like $1`
      : `select extract(epoch from max(r.finished_at) - min(e.received_at)) as seconds from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1`;
  const { rows } = await pool.query<{ seconds: number }>(span, [flow === 'routing' ? `${prefix} %` : prefix]);
  const seconds = Number(rows[0]?.seconds ?? 0);
  return seconds > 0 ? Math.round(finished / seconds) : 0;
}

/** Percentiles of the `ms` column `timed` selects, rounded to 0.1 ms (0 when it selects nothing). */
export async function percentiles(pool: pg.Pool, timed: string, values: readonly unknown[]): Promise<Percentiles> {
  const { rows } = await pool.query<Percentiles>(
    `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
            percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max from (${timed}) as timed`,
    [...values],
  );
  const row = rows[0];
  const round = (value: unknown) => Math.round(Number(value ?? 0) * 10) / 10;
  return { p50: round(row?.p50), p95: round(row?.p95), p99: round(row?.p99), max: round(row?.max) };
}

/** Inbound row to the assign step's end, and inbound row to the outbound row. */
export async function routingLatency(pool: pg.Pool, prefix: string): Promise<Record<string, Percentiles>> {
  const inbound = `from messages i join conversations c on c.id = i.conversation_id join contacts p on p.id = c.contact_id
    where i.direction = 'in' and p.name like $1`;
  return {
    inboundToAssigned: await percentiles(
      pool,
      `select extract(epoch from s.finished_at - i.created_at) * 1000 as ms ${inbound.replace(
        'where',
        `join runs r on r.subject = 'conversation:' || c.id join steps s on s.run_id = r.id and s.node_type = 'inbox.assign_to' and s.status = 'completed' where`,
      )}`,
      [`${prefix} %`],
    ),
    inboundToOutboundRecorded: await percentiles(
      pool,
      `select extract(epoch from o.created_at - i.created_at) * 1000 as ms ${inbound.replace('where', `join messages o on o.conversation_id = c.id and o.direction = 'out' where`)}`,
      [`${prefix} %`],
    ),
  };
}

/** The event row to its run's end. */
export function smallLatency(pool: pg.Pool, prefix: string): Promise<Percentiles> {
  return percentiles(
    pool,
    `select extract(epoch from r.finished_at - e.received_at) * 1000 as ms from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1 and r.status = 'completed'`,
    [prefix],
  );
}

export async function databaseStats(pool: pg.Pool): Promise<{ transactions: number; rowsWritten: number }> {
  const { rows } = await pool.query<{ transactions: string; written: string }>(
    `select xact_commit + xact_rollback as transactions, tup_inserted + tup_updated + tup_deleted as written from pg_stat_database where datname = current_database()`,
  );
  // pg_stat_database is updated when a backend reports, at most every second or so: the phases are long enough for that.
  return { transactions: Number(rows[0]?.transactions ?? 0), rowsWritten: Number(rows[0]?.written ?? 0) };
}
