import { type Kysely, sql } from 'kysely';
import type { DB, RunRow, RunStatus, RunUpdate } from './database.ts';
import type { RecordedError } from '../errors.ts';
import { isStuckRun, type StuckRunCheck } from './stuck-runs.ts';

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
  readonly parentRunId: string | null;
  readonly eventId: string | null;
  readonly error: RecordedError | null;
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
    eventId: row.event_id,
    error: row.error as RecordedError | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export interface NewRunInput {
  readonly workflowId: string;
  readonly version: number;
  readonly subject: string | null;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly visits: Readonly<Record<string, number>>;
  readonly cursorNode: string | null;
  readonly status: RunStatus;
  readonly stepCount: number;
  readonly parentRunId: string | null;
  readonly eventId: string | null;
  /** Set for runs a schedule tick starts: one run per (workflow, tick). */
  readonly scheduledAt?: Date;
  readonly now: Date;
}

export async function insertRun(db: Kysely<DB>, input: NewRunInput): Promise<Run> {
  const row = await db
    .insertInto('runs')
    .values({
      workflow_id: input.workflowId,
      version: input.version,
      subject: input.subject,
      status: input.status,
      trigger_data: JSON.stringify(input.trigger),
      vars: '{}',
      outputs: JSON.stringify(input.outputs),
      visits: JSON.stringify(input.visits),
      cursor_node: input.cursorNode,
      wait_id: null,
      step_count: input.stepCount,
      parent_run_id: input.parentRunId,
      event_id: input.eventId,
      ...(input.scheduledAt === undefined ? {} : { scheduled_at: input.scheduledAt }),
      error: null,
      created_at: input.now,
      updated_at: input.now,
      finished_at: input.status === 'completed' ? input.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row);
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

export async function findRun(db: Kysely<DB>, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRun(row);
}

/** The part of a run a segment changes, saved at its end. */
export type RunProgress = Pick<Run, 'status' | 'vars' | 'outputs' | 'visits' | 'cursorNode' | 'attempt' | 'seq' | 'waitId' | 'stepCount' | 'error'> & {
  readonly now: Date;
};

export async function saveRunProgress(db: Kysely<DB>, id: string, progress: RunProgress): Promise<void> {
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
  await db.updateTable('runs').set(update).where('id', '=', id).execute();
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

/**
 * The oldest run of the subject that was started before `runId` and has not
 * begun its work yet (only its trigger step is recorded). Called under the
 * subject lock by the job of a run about to begin: it lets the older one go
 * first, so runs of one subject start in the order they were created, even
 * when one transaction created several.
 */
export async function findEarlierUnstartedRun(db: Kysely<DB>, subject: string, runId: string): Promise<{ id: string; seq: number } | undefined> {
  return db
    .selectFrom('runs')
    .select(['id', 'seq'])
    .where('subject', '=', subject)
    .where('status', '=', 'running')
    .where('attempt', '=', 0)
    .where('step_count', '=', 1)
    .where('number', '<', (eb) => eb.selectFrom('runs').select('number').where('id', '=', runId))
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();
}

export interface RunFilter {
  readonly workflowId?: string;
  readonly status?: RunStatus;
  readonly subject?: string;
  /** Only runs that nothing will move (see stuck-runs.ts). */
  readonly stuck?: StuckRunCheck;
  readonly limit: number;
  /** Keyset pagination: runs created strictly before this one. */
  readonly before?: { readonly createdAt: Date; readonly id: string };
}

export async function listRuns(db: Kysely<DB>, filter: RunFilter): Promise<Run[]> {
  let query = db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.workflowId !== undefined) query = query.where('workflow_id', '=', filter.workflowId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject);
  if (filter.stuck !== undefined) query = query.where(isStuckRun(filter.stuck));
  if (filter.before !== undefined) {
    const { createdAt, id } = filter.before;
    query = query.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id}::uuid)`);
  }
  const rows = await query.execute();
  return rows.map(toRun);
}

export async function countRunsByStatus(db: Kysely<DB>, workflowId?: string): Promise<Record<string, number>> {
  let query = db.selectFrom('runs').select(['status', db.fn.countAll<string>().as('count')]).groupBy('status');
  if (workflowId !== undefined) query = query.where('workflow_id', '=', workflowId);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
