import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Live counts (docs/ARCHITECTURE.md "Live counts"): runs at each node of a workflow now, and
 * how many left each node by each port in a window. Departures older than the watermark come
 * from step_departures (five-minute buckets, migration 0014-live-counts), the rest from steps.
 */

/** The buckets' width; a window starts at now minus its length, rounded down to one. */
export const BUCKET_MS = 5 * 60_000;
/** The longest window: older buckets are of no use and the retention pass deletes them. */
export const LONGEST_WINDOW_MS = 7 * 86_400_000;
/**
 * How long after a step's finished_at the pass waits before it rolls the step up. A step whose
 * transaction commits later than this after finishing would be missed; steps commit in well
 * under a second, so two minutes is ample.
 */
export const ROLLUP_LAG_MS = 2 * 60_000;
/** How much of steps one rollup statement reads, so a pass that is far behind stays in short transactions. */
const MAX_ROLLUP_SPAN_MS = 60 * 60_000;

const ORIGIN = sql`timestamptz '2000-01-01 00:00:00+00'`;
const BUCKET = sql`interval '5 minutes'`;

/**
 * Whether run `alias` counts. The one place that leaves runs out of live counts: test runs
 * (contract D) will be left out here once runs carry their mark.
 */
function isCountedRun(_alias: string): RawBuilder<boolean> {
  return sql<boolean>`true`;
}

export interface NodeCounts {
  running: number;
  waiting: number;
  ports: Record<string, number>;
}

function nodeOf(nodes: Record<string, NodeCounts>, nodeId: string): NodeCounts {
  let counts = nodes[nodeId];
  if (counts === undefined) {
    counts = { running: 0, waiting: 0, ports: {} };
    nodes[nodeId] = counts;
  }
  return counts;
}

/** The start of a window of `windowMs` ending at `now`, rounded down to a bucket. */
export function windowStart(now: Date, windowMs: number): Date {
  const start = now.getTime() - windowMs;
  return new Date(start - (((start % BUCKET_MS) + BUCKET_MS) % BUCKET_MS));
}

/** Counts for one workflow: runs in flight by node, and departures by node and port since `since`. */
export async function countLive(db: Kysely<DB>, workflowId: string, since: Date): Promise<Record<string, NodeCounts>> {
  // runs_in_flight_by_subject (partial, workflow_id first) finds the runs in flight; their
  // cursor_node is read from the heap. An index on cursor_node would cost every step's run
  // update its HOT path, for a query that reads only the runs in flight.
  const inFlight = await sql<{ node_id: string; status: 'running' | 'waiting'; count: string }>`
    select r.cursor_node as node_id, r.status, count(*) as count from runs r
    where r.workflow_id = ${workflowId} and r.status in ('running', 'waiting') and r.cursor_node is not null and ${isCountedRun('r')}
    group by r.cursor_node, r.status
  `.execute(db);
  const departures = await sql<{ node_id: string; port: string; count: string }>`
    with mark as (select watermark from step_departures_watermark)
    select node_id, port, sum(count) as count from (
      select d.node_id, d.port, d.count from step_departures d, mark
      where d.workflow_id = ${workflowId} and d.bucket >= ${since}::timestamptz and d.bucket < mark.watermark
      union all
      select s.node_id, s.port, 1 from steps s join runs r on r.id = s.run_id, mark
      where s.finished_at >= greatest(mark.watermark, ${since}::timestamptz) and s.port is not null
        and r.workflow_id = ${workflowId} and ${isCountedRun('r')}
    ) departed
    group by node_id, port
  `.execute(db);
  const nodes: Record<string, NodeCounts> = {};
  for (const row of inFlight.rows) nodeOf(nodes, row.node_id)[row.status] = Number(row.count);
  for (const row of departures.rows) nodeOf(nodes, row.node_id).ports[row.port] = Number(row.count);
  return nodes;
}

/**
 * One step of the rollup pass: sums departures of up to an hour of steps past the watermark
 * into step_departures and moves the watermark on, in one transaction. Answers false once
 * the watermark has caught up with `now` minus the lag. The watermark row is locked first, so
 * two passes at once take turns and never count a step twice.
 */
export async function rollUpDepartures(db: Kysely<DB>, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const mark = await sql<{ low: Date; high: Date }>`
      select greatest(watermark, date_bin(${BUCKET}, ${now}::timestamptz - ${LONGEST_WINDOW_MS + BUCKET_MS} * interval '1 millisecond', ${ORIGIN})) as low,
             date_bin(${BUCKET}, ${now}::timestamptz - ${ROLLUP_LAG_MS} * interval '1 millisecond', ${ORIGIN}) as high
      from step_departures_watermark for update
    `.execute(trx);
    const bounds = mark.rows[0];
    if (bounds === undefined || bounds.high.getTime() <= bounds.low.getTime()) return false;
    const high = new Date(Math.min(bounds.high.getTime(), bounds.low.getTime() + MAX_ROLLUP_SPAN_MS));
    await sql`
      insert into step_departures (workflow_id, node_id, port, bucket, count)
      select r.workflow_id, s.node_id, s.port, date_bin(${BUCKET}, s.finished_at, ${ORIGIN}), count(*)
      from steps s join runs r on r.id = s.run_id
      where s.finished_at >= ${bounds.low}::timestamptz and s.finished_at < ${high}::timestamptz and s.port is not null and ${isCountedRun('r')}
      group by 1, 2, 3, 4
      on conflict (workflow_id, bucket, node_id, port) do update set count = step_departures.count + excluded.count
    `.execute(trx);
    await sql`update step_departures_watermark set watermark = ${high}::timestamptz`.execute(trx);
    return high.getTime() < bounds.high.getTime();
  });
}

/** Deletes up to `limit` buckets older than the longest window, oldest first. */
export async function deleteDeparturesBefore(db: Kysely<DB>, before: Date, limit: number): Promise<number> {
  const result = await sql`
    delete from step_departures where ctid in (select ctid from step_departures where bucket < ${before}::timestamptz order by bucket limit ${limit})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
