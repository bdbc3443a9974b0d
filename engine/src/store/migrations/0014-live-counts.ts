import { type Kysely, sql } from 'kysely';

// Live counts on the canvas (docs/ARCHITECTURE.md "Live counts"): how many runs left each
// node by each port in the last hour, day or week. steps has no workflow_id, and counting a
// week of a busy workflow's steps through runs on every refresh does not stay fast, so
// departures are summed into five-minute buckets by a periodic pass (store/live-counts.ts);
// the hot write path pays nothing but a BRIN entry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- How many runs left node_id by port in the five minutes from bucket. Filled by the
    -- rollup pass only; rows older than the longest window are deleted by the retention pass.
    create table step_departures (
      workflow_id uuid not null references workflows (id) on delete cascade,
      node_id text not null,
      port text not null,
      bucket timestamptz not null,
      count bigint not null,
      primary key (workflow_id, bucket, node_id, port)
    );
    create index step_departures_by_bucket on step_departures (bucket);

    -- Steps finished at or after watermark are not in step_departures yet: the API counts
    -- them from steps. One row, moved forward by each rollup pass.
    create table step_departures_watermark (
      id boolean primary key default true check (id),
      watermark timestamptz not null
    );
    -- -infinity: the first pass starts a week back (what the longest window needs).
    insert into step_departures_watermark (watermark) values ('-infinity');

    -- Steps by finished_at for the rollup pass and the not-yet-rolled-up tail. BRIN, not a
    -- btree: steps are written in about finished_at order, so a few pages per range find
    -- them, and an insert costs next to nothing (the 1,000 conversations/s target).
    create index steps_by_finished_at on steps using brin (finished_at) with (pages_per_range = 32);
  `.execute(db);
}
