/**
 * insertStartedRuns on a table of events far larger than the planner believes: the run-start
 * statement records the started runs on their events by key, never by reading the whole table.
 * Planning the recordset's rows (100 by default) against stale statistics of a growing events
 * table gave a hash join over a sequential scan of events, a statement that grew with the table
 * (13 ms of 17 at 4,000 events in `pnpm bench`).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../test/support/test-database.ts';
import { connectDatabase, type Database } from './connect-database.ts';
import type { DB } from './database.ts';
import { migrateDatabase } from './migrate-database.ts';
import { insertStartedRuns, type StartedRunInput } from './runs.ts';

let schema: TestSchema;
let database: Database;
let workflowId: string;

beforeAll(async () => {
  schema = await createTestSchema();
  database = connectDatabase({ connectionString: schema.databaseUrl, schema: schema.schema, maxConnections: 1 });
  await migrateDatabase(database.db, schema.schema);
  const workflow = await sql<{ id: string }>`
    insert into workflows (name, draft, status, active_version) values ('Runs', '{}'::jsonb, 'active', 1) returning id
  `.execute(database.db);
  workflowId = workflow.rows[0]?.id as string;
  await sql`insert into workflow_versions (workflow_id, version, definition, graph) values (${workflowId}, 1, '{}'::jsonb, '{}'::jsonb)`.execute(database.db);
  // Statistics taken while the table was nearly empty, as autovacuum leaves them between passes.
  await sql`insert into events (type, data, received_at) select 'seed', '{}'::jsonb, now() from generate_series(1, 20)`.execute(database.db);
  await sql`analyze events`.execute(database.db);
  await sql`insert into events (type, data, received_at) select 'bulk', jsonb_build_object('n', n), now() from generate_series(1, 20000) as n`.execute(
    database.db,
  );
});

afterAll(async () => {
  await database?.close();
  await schema?.drop();
});

const run = (eventId: string | null, subject: string, unlessInFlight = false): StartedRunInput => ({
  workflowId,
  version: 1,
  subject,
  trigger: { type: 'bench.small', subject },
  triggerNode: { id: 'in', type: 'core.event', port: 'next' },
  cursorNode: 'next',
  parentRunId: null,
  rootRunId: null,
  depth: 0,
  eventId,
  scheduledAt: null,
  unlessInFlight,
});

async function newEvent(db: Kysely<DB>): Promise<string> {
  const row = await sql<{ id: string }>`insert into events (type, data, received_at) values ('new', '{}'::jsonb, now()) returning id`.execute(db);
  return row.rows[0]?.id as string;
}

/** The reads of events this transaction made so far: sequential scans and index scans. */
async function eventReads(db: Kysely<DB>): Promise<{ seq: number; index: number }> {
  const row = await sql<{ seq: string; index: string }>`
    select seq_scan as seq, coalesce(idx_scan, 0) as index from pg_stat_xact_user_tables where relid = 'events'::regclass
  `.execute(db);
  return { seq: Number(row.rows[0]?.seq), index: Number(row.rows[0]?.index) };
}

describe('insertStartedRuns', () => {
  it('records the started runs on their events through the key, not a scan of all events', async () => {
    await database.db.transaction().execute(async (trx) => {
      const first = await newEvent(trx);
      const second = await newEvent(trx);
      const before = await eventReads(trx);
      const started = await insertStartedRuns(trx, [run(first, 'a'), run(second, 'b'), run(first, 'c')], new Date());
      const after = await eventReads(trx);
      expect(after.seq - before.seq).toBe(0);
      expect(after.index - before.index).toBeGreaterThan(0);
      const ids = started.map((each) => (each.started ? each.runId : null));
      const events = await sql<{ id: string; run_ids: string[] }>`select id, run_ids from events where id in (${first}, ${second})`.execute(trx);
      const byId = new Map(events.rows.map((row) => [row.id, row.run_ids]));
      expect(byId.get(first)).toEqual([ids[0], ids[2]]);
      expect(byId.get(second)).toEqual([ids[1]]);
    });
  });

  it('leaves the run ids of an event whose only run was not started as they were', async () => {
    await database.db.transaction().execute(async (trx) => {
      const [inFlight] = await insertStartedRuns(trx, [run(null, 'busy')], new Date());
      const event = await newEvent(trx);
      const [refused] = await insertStartedRuns(trx, [run(event, 'busy', true)], new Date());
      expect(refused).toEqual({ started: false, inFlightRunId: inFlight?.started === true ? inFlight.runId : 'none' });
      const row = await sql<{ run_ids: string[] }>`select run_ids from events where id = ${event}`.execute(trx);
      expect(row.rows[0]?.run_ids).toEqual([]);
    });
  });
});
