import type { Kysely } from 'kysely';
import type { DB, StepRow, StepStatus } from './database.ts';
import type { RecordedError } from '../errors.ts';

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
  };
}

export interface StepRecord {
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
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Records the outcome of one visit of a node. A waiting step that resumes, or a
 * step that is retried, updates its own row: there is one row per visit (the
 * unique key is the last line of defence for promise 1).
 */
export async function recordStepResult(db: Kysely<DB>, record: StepRecord): Promise<void> {
  const values = {
    attempt: record.attempt,
    status: record.status,
    port: record.port,
    input: jsonOrNull(record.input),
    output: jsonOrNull(record.output),
    error: record.error === null ? null : JSON.stringify(record.error),
    finished_at: record.finishedAt,
    duration_ms: record.finishedAt === null ? null : Math.max(0, record.finishedAt.getTime() - record.startedAt.getTime()),
  };
  await db
    .insertInto('steps')
    .values({ run_id: record.runId, node_id: record.nodeId, node_type: record.nodeType, visit: record.visit, started_at: record.startedAt, ...values })
    .onConflict((oc) => oc.columns(['run_id', 'node_id', 'visit']).doUpdateSet(values))
    .execute();
}

export async function findStep(db: Kysely<DB>, runId: string, nodeId: string, visit: number): Promise<Step | undefined> {
  const row = await db
    .selectFrom('steps')
    .selectAll()
    .where('run_id', '=', runId)
    .where('node_id', '=', nodeId)
    .where('visit', '=', visit)
    .executeTakeFirst();
  return row === undefined ? undefined : toStep(row);
}

export async function listSteps(db: Kysely<DB>, runId: string): Promise<Step[]> {
  const rows = await db.selectFrom('steps').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  return rows.map(toStep);
}

export async function cancelWaitingSteps(db: Kysely<DB>, runId: string, now: Date): Promise<void> {
  await db.updateTable('steps').set({ status: 'cancelled', finished_at: now }).where('run_id', '=', runId).where('status', '=', 'waiting').execute();
}
