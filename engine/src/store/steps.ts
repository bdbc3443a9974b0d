import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { DB, StepRow, StepStatus } from './database.ts';
import type { RecordedError } from '../errors.ts';
import type { Explanation } from '../sdk.ts';
import { rowChunks } from './row-chunks.ts';

export interface Step {
  readonly id: string;
  readonly runId: string;
  readonly nodeId: string;
  readonly nodeType: string;
  readonly visit: number;
  readonly attempt: number;
  readonly status: StepStatus;
  readonly port: string | null;
  readonly input: unknown;
  readonly output: unknown;
  readonly error: RecordedError | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly durationMs: number | null;
  /** What the node said about its choice (`ctx.explain`), as recorded: codes and params, in no language yet. */
  readonly explanation: Explanation | null;
}

function toStep(row: StepRow): Step {
  return {
    id: String(row.id),
    runId: row.run_id,
    nodeId: row.node_id,
    nodeType: row.node_type,
    visit: row.visit,
    attempt: row.attempt,
    status: row.status,
    port: row.port,
    input: row.input,
    output: row.output,
    error: row.error as RecordedError | null,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    explanation: row.explanation as Explanation | null,
  };
}

/** What the executor records for one visit: a step without the ids and timing the database derives. */
export type StepRecord = Omit<Step, 'id' | 'durationMs'>;

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Records several step outcomes, in as few statements as the bind-parameter
 * limit allows: the executor buffers a segment's steps and writes them
 * together before its transaction commits (one round trip instead of one per
 * step; a segment's usual few hundred steps fit in one, which the run's own
 * update carries: saveRunProgress). Each (run, node, visit) must appear once
 * in `records`.
 */
export async function recordStepResults(db: Kysely<DB>, records: readonly StepRecord[]): Promise<void> {
  for (const chunk of stepRowChunks(records)) await insertStepRows(db, chunk).execute();
}

export type StepRows = ReturnType<typeof stepRowChunks>[number];

/** The records as rows, in chunks of one statement each (row-chunks.ts). */
export function stepRowChunks(records: readonly StepRecord[]) {
  const rows = records.map((record) => ({
    run_id: record.runId,
    node_id: record.nodeId,
    node_type: record.nodeType,
    visit: record.visit,
    started_at: record.startedAt,
    attempt: record.attempt,
    status: record.status,
    port: record.port,
    input: jsonOrNull(record.input),
    output: jsonOrNull(record.output),
    error: record.error === null ? null : JSON.stringify(record.error),
    explanation: record.explanation === null ? null : JSON.stringify(record.explanation),
    finished_at: record.finishedAt,
    duration_ms: record.finishedAt === null ? null : Math.max(0, record.finishedAt.getTime() - record.startedAt.getTime()),
  }));
  return rowChunks(rows);
}

/** One chunk's insert; a later record of a visit (a resume, a retry) updates the row of its earlier one. */
export function insertStepRows(db: QueryCreator<DB>, rows: StepRows) {
  return db
    .insertInto('steps')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['run_id', 'node_id', 'visit']).doUpdateSet((eb) => ({
        attempt: eb.ref('excluded.attempt'),
        status: eb.ref('excluded.status'),
        port: eb.ref('excluded.port'),
        input: eb.ref('excluded.input'),
        output: eb.ref('excluded.output'),
        error: eb.ref('excluded.error'),
        explanation: eb.ref('excluded.explanation'),
        finished_at: eb.ref('excluded.finished_at'),
        // A waiting step that resumes keeps its start: its duration is the wait's.
        duration_ms: sql<
          number | null
        >`case when excluded.finished_at is null then null else (extract(epoch from excluded.finished_at - steps.started_at) * 1000)::integer end`,
      })),
    );
}

export async function findStep(db: Kysely<DB>, runId: string, nodeId: string, visit: number): Promise<Step | undefined> {
  const row = await db.selectFrom('steps').selectAll().where('run_id', '=', runId).where('node_id', '=', nodeId).where('visit', '=', visit).executeTakeFirst();
  return row === undefined ? undefined : toStep(row);
}

/**
 * The latest explanation a node recorded in a run (a node that waits records one when it
 * starts and another when it resumes), with its type; undefined when it recorded none.
 */
export async function findLatestExplanation(
  db: Kysely<DB>,
  runId: string,
  nodeId: string,
): Promise<{ readonly nodeType: string; readonly explanation: Explanation } | undefined> {
  const row = await db
    .selectFrom('steps')
    .select(['node_type', 'explanation'])
    .where('run_id', '=', runId)
    .where('node_id', '=', nodeId)
    .where('explanation', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { nodeType: row.node_type, explanation: row.explanation as Explanation };
}

export async function listSteps(db: Kysely<DB>, runId: string): Promise<Step[]> {
  const rows = await db.selectFrom('steps').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  return rows.map(toStep);
}

export async function cancelWaitingSteps(db: Kysely<DB>, runId: string, now: Date): Promise<void> {
  await db.updateTable('steps').set({ status: 'cancelled', finished_at: now }).where('run_id', '=', runId).where('status', '=', 'waiting').execute();
}
