import { type Kysely, sql } from 'kysely';
import type { DB, RunRow, RunStatus, RunUpdate } from './database.ts';
import type { RecordedError } from '../errors.ts';
import { isStuckRun, type StuckRunCheck } from './stuck-runs.ts';
import { notifyRunChange } from './run-changes.ts';
import { insertStepRows, type StepRecord, stepRowChunks } from './steps.ts';

export interface Run {
  readonly id: string;
  readonly workflowId: string;
  readonly version: number;
  readonly subject: string | null;
  readonly status: RunStatus;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly visits: Readonly<Record<string, number>>;
  readonly cursorNode: string | null;
  readonly attempt: number;
  readonly seq: number;
  readonly waitId: string | null;
  readonly stepCount: number;
  /** The run whose step started this one (`core.trigger_workflow`, an emitted event); null for a run started from outside or through a webhook. */
  readonly parentRunId: string | null;
  /** The run started from outside at the head of this run's chain; the run's own id when it is that run. */
  readonly rootRunId: string;
  /** Starts between the root and this run: 0 for a run started from outside. */
  readonly depth: number;
  readonly eventId: string | null;
  readonly error: RecordedError | null;
  /** A test chat's run: its messages reach nobody, it is never counted. */
  readonly test: boolean;
  /** The test chat the run belongs to (docs/ARCHITECTURE.md "Test chat"); null for a real run. */
  readonly testId: string | null;
  /** How far the run's clock is ahead of the real one (a test's pretend time); 0 for real runs. */
  readonly clockOffsetMs: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    subject: row.subject,
    status: row.status,
    trigger: row.trigger_data as Record<string, unknown>,
    vars: row.vars as Record<string, unknown>,
    outputs: row.outputs as Record<string, unknown>,
    visits: row.visits as Record<string, number>,
    cursorNode: row.cursor_node,
    attempt: row.attempt,
    seq: row.seq,
    waitId: row.wait_id,
    stepCount: row.step_count,
    parentRunId: row.parent_run_id,
    rootRunId: row.root_run_id ?? row.id,
    depth: row.depth,
    eventId: row.event_id,
    error: row.error as RecordedError | null,
    test: row.test_id !== null,
    testId: row.test_id,
    clockOffsetMs: Number(row.clock_offset_ms),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** A run to start with its trigger step already recorded (step 1 of the run). */
export interface StartedRunInput {
  readonly workflowId: string;
  readonly version: number;
  readonly subject: string | null;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly triggerNode: { readonly id: string; readonly type: string; readonly port: string };
  /** The node the run goes to next; null ends the run at once (a trigger with no edge). */
  readonly cursorNode: string | null;
  readonly parentRunId: string | null;
  /** Null for a run started from outside: it is its own root. */
  readonly rootRunId: string | null;
  readonly depth: number;
  readonly eventId: string | null;
  /** Set for runs a schedule tick starts: one run per (workflow, tick), a unique index decides. */
  readonly scheduledAt: Date | null;
  /** Reentry `ignore`: start nothing when this workflow already has a run in flight for the subject. */
  readonly unlessInFlight: boolean;
}

export type StartedRun = { readonly started: true; readonly runId: string } | { readonly started: false; readonly inFlightRunId: string };

/**
 * Starts runs in one statement: each run row with its completed trigger step,
 * in the order given (their `number`s follow it, promise 3), and the ids of
 * the runs an event started on that event's row (`run_ids`, what a repeated
 * delivery of its idempotency key answers). A run marked
 * `unlessInFlight` whose workflow has a run in flight for its subject is not
 * inserted; that run is returned instead. Call with the subjects locked: the
 * lock, not this statement, makes "none in flight" and "insert" one decision
 * against a concurrent start.
 */
export async function insertStartedRuns(db: Kysely<DB>, runs: readonly StartedRunInput[], now: Date): Promise<StartedRun[]> {
  if (runs.length === 0) return [];
  const input = runs.map((run, ord) => ({
    ord,
    workflow_id: run.workflowId,
    version: run.version,
    subject: run.subject,
    status: run.cursorNode === null ? 'completed' : 'running',
    trigger_data: run.trigger,
    outputs: { [run.triggerNode.id]: run.trigger },
    visits: { [run.triggerNode.id]: 1 },
    cursor_node: run.cursorNode,
    parent_run_id: run.parentRunId,
    root_run_id: run.rootRunId,
    depth: run.depth,
    event_id: run.eventId,
    scheduled_at: run.scheduledAt?.toISOString() ?? null,
    unless_in_flight: run.unlessInFlight,
    trigger_node: run.triggerNode.id,
    trigger_type: run.triggerNode.type,
    port: run.triggerNode.port,
  }));
  // The events by key (`= any`), not only by the join: the planner takes the recordset for 100
  // rows, and against statistics of events older than its growth it joined them by hash over a
  // sequential scan of the whole table, a start that slowed as events accumulated.
  const eventIds = [...new Set(runs.flatMap((run) => (run.eventId === null ? [] : [run.eventId])))];
  // `materialized`: gen_random_uuid() runs once per row, so the run and its step share the id.
  const result = await sql<{ ord: number; run_id: string | null; in_flight_id: string | null }>`
    with input as materialized (
      select x.*,
        case when x.in_flight_id is null then gen_random_uuid() end as run_id
      from (
        select i.*, (
          select r.id from runs r
          where i.unless_in_flight and r.workflow_id = i.workflow_id and r.subject = i.subject and r.status in ('running', 'waiting')
          order by r.number limit 1
        ) as in_flight_id
        from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i (
          ord int, workflow_id uuid, version int, subject text, status text, trigger_data jsonb, outputs jsonb, visits jsonb,
          cursor_node text, parent_run_id uuid, root_run_id uuid, depth int, event_id uuid, scheduled_at timestamptz, unless_in_flight boolean, trigger_node text, trigger_type text, port text
        )
      ) x
    ), started as (
      insert into runs (id, workflow_id, version, subject, status, trigger_data, vars, outputs, visits, cursor_node, wait_id, step_count, parent_run_id, root_run_id, depth, event_id, scheduled_at, error, created_at, updated_at, finished_at)
      select run_id, workflow_id, version, subject, status, trigger_data, '{}', outputs, visits, cursor_node, null, 1, parent_run_id, root_run_id, depth, event_id, scheduled_at, null, ${now}, ${now},
        case when status = 'completed' then ${now}::timestamptz end
      from input where run_id is not null order by ord
    ), trigger_steps as (
      insert into steps (run_id, node_id, node_type, visit, attempt, status, port, input, output, error, started_at, finished_at, duration_ms)
      select run_id, trigger_node, trigger_type, 1, 1, 'completed', port, null, trigger_data, null, ${now}, ${now}, 0
      from input where run_id is not null
    ), event_runs as (
      update events e set run_ids = e.run_ids || started_by_event.run_ids
      from (
        select event_id, jsonb_agg(run_id order by ord) as run_ids from input
        where run_id is not null and event_id is not null group by event_id
      ) started_by_event
      where e.id = any(${eventIds}::uuid[]) and e.id = started_by_event.event_id
    )
    select ord, run_id, in_flight_id,
      case when run_id is not null then pg_notify(current_schema() || '.runs', json_build_object('runId', run_id, 'workflowId', workflow_id, 'status', status)::text) end as notified
    from input order by ord
  `.execute(db);
  return result.rows.map((row) => (row.run_id === null ? { started: false, inFlightRunId: row.in_flight_id as string } : { started: true, runId: row.run_id }));
}

/**
 * How many runs started by runs (depth above 0) each workflow has that were
 * created after `since`: one range of runs_by_workflow per workflow, the
 * workflow's runs of the window (those started from outside are read and
 * left out). Sees committed runs and the caller's own transaction's, not
 * those of transactions still open.
 */
export async function countRecentChainedRuns(db: Kysely<DB>, workflowIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('runs')
    .select(['workflow_id', db.fn.countAll<string>().as('count')])
    .where('workflow_id', 'in', [...workflowIds])
    .where('depth', '>', 0)
    .where('created_at', '>', since)
    .groupBy('workflow_id')
    .execute();
  return new Map(rows.map((row) => [row.workflow_id, Number(row.count)]));
}

/** The run a schedule tick already started, if any. */
export async function findScheduledRun(db: Kysely<DB>, workflowId: string, scheduledAt: Date): Promise<string | undefined> {
  const row = await db.selectFrom('runs').select('id').where('workflow_id', '=', workflowId).where('scheduled_at', '=', scheduledAt).executeTakeFirst();
  return row?.id;
}

/** Locks a run for the rest of the transaction: only one worker advances a run at a time. */
export async function lockRun(db: Kysely<DB>, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row === undefined ? undefined : toRun(row);
}

/**
 * lockRun for a segment, with, for a run about to begin (running, only its trigger step recorded,
 * first attempt), the oldest run of its subject created before it that has not begun either: one
 * statement. The segment lets that older run go first, so runs of one subject start in the order
 * they were created, even when one transaction created several (promise 3). Call it with the
 * subject locked, so that the subject's runs it reads cannot change under it.
 */
export async function lockRunToAdvance(
  db: Kysely<DB>,
  id: string,
): Promise<{ readonly run: Run; readonly earlier: { id: string; seq: number } | null } | undefined> {
  const row = await db
    .selectFrom('runs')
    .selectAll('runs')
    .select(
      sql<{ id: string; seq: number } | null>`case when runs.status = 'running' and runs.attempt = 0 and runs.step_count = 1 and runs.subject is not null then (
        select json_build_object('id', earlier.id, 'seq', earlier.seq) from runs as earlier
        where earlier.subject = runs.subject and earlier.status = 'running' and earlier.attempt = 0 and earlier.step_count = 1 and earlier.number < runs.number
        order by earlier.number limit 1
      ) end`.as('earlier'),
    )
    .where('runs.id', '=', id)
    .forUpdate('runs')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { earlier, ...run } = row;
  return { run: toRun(run), earlier };
}

export async function findRun(db: Kysely<DB>, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRun(row);
}

/** The part of a run a segment changes, saved at its end. */
export type RunProgress = Pick<Run, 'status' | 'vars' | 'outputs' | 'visits' | 'cursorNode' | 'attempt' | 'seq' | 'waitId' | 'stepCount' | 'error'> & {
  readonly now: Date;
};

/**
 * Saves a segment's end: the run's progress, and the step records it buffered (store/steps.ts),
 * the last chunk of which rides in the run's update (one round trip for a usual segment).
 */
export async function saveRunProgress(db: Kysely<DB>, id: string, progress: RunProgress, steps: readonly StepRecord[] = []): Promise<void> {
  const finished = progress.status === 'completed' || progress.status === 'failed' || progress.status === 'cancelled';
  const update: RunUpdate = {
    status: progress.status,
    vars: JSON.stringify(progress.vars),
    outputs: JSON.stringify(progress.outputs),
    visits: JSON.stringify(progress.visits),
    cursor_node: progress.cursorNode,
    attempt: progress.attempt,
    seq: progress.seq,
    wait_id: progress.waitId,
    step_count: progress.stepCount,
    error: progress.error === null ? null : JSON.stringify(progress.error),
    updated_at: progress.now,
    finished_at: finished ? progress.now : null,
  };
  const chunks = stepRowChunks(steps);
  const last = chunks.pop();
  for (const chunk of chunks) await insertStepRows(db, chunk).execute();
  // The notification rides on the update: no statement of its own (see run-changes.ts).
  if (last === undefined) {
    await db.updateTable('runs').set(update).where('id', '=', id).returning(notifyRunChange().as('notified')).execute();
    return;
  }
  await db
    .with('recorded_steps', (qb) => insertStepRows(qb, last).returning('id'))
    .updateTable('runs')
    .set(update)
    .where('id', '=', id)
    .returning(notifyRunChange().as('notified'))
    .execute();
}

/** Runs of this workflow still in flight for a subject, locked: reentry decides against them. */
export async function lockRunsInFlight(db: Kysely<DB>, workflowId: string, subject: string): Promise<Run[]> {
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .where('subject', '=', subject)
    .where('status', 'in', ['running', 'waiting'])
    .forUpdate()
    .execute();
  return rows.map(toRun);
}

export interface RunFilter {
  readonly workflowId?: string;
  readonly status?: RunStatus;
  readonly subject?: string;
  /** Test chats' runs: true lists only them, false leaves them out; undefined: every run (the repair of stuck runs). */
  readonly test?: boolean;
  /** Only runs of this test chat. */
  readonly testId?: string;
  /** Only runs that nothing will move (see stuck-runs.ts). */
  readonly stuck?: StuckRunCheck;
  /** Created at or after. */
  readonly since?: Date;
  /** Created before. */
  readonly until?: Date;
  readonly limit: number;
  /** Keyset pagination: runs created strictly before this one. */
  readonly before?: { readonly createdAt: Date; readonly id: string };
}

export async function listRuns(db: Kysely<DB>, filter: RunFilter): Promise<Run[]> {
  let query = db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.workflowId !== undefined) query = query.where('workflow_id', '=', filter.workflowId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject);
  if (filter.testId !== undefined) query = query.where('test_id', '=', filter.testId);
  else if (filter.test !== undefined) query = query.where('test_id', filter.test ? 'is not' : 'is', null);
  if (filter.stuck !== undefined) query = query.where(isStuckRun(filter.stuck));
  // A range on created_at: the same indexes as the order (runs_by_created_at, or the filter's own with created_at second).
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
  if (filter.before !== undefined) {
    const { createdAt, id } = filter.before;
    query = query.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id}::uuid)`);
  }
  const rows = await query.execute();
  return rows.map(toRun);
}

export async function countRunsByStatus(db: Kysely<DB>, workflowId?: string): Promise<Record<string, number>> {
  let query = db
    .selectFrom('runs')
    .select(['status', db.fn.countAll<string>().as('count')])
    .groupBy('status');
  if (workflowId !== undefined) query = query.where('workflow_id', '=', workflowId);
  // Test chats' runs are never counted (docs/ARCHITECTURE.md "Test chat").
  query = query.where('test_id', 'is', null);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
