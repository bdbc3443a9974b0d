import type { Kysely } from 'kysely';
import type { DB, WaitRow } from './database.ts';

export interface Wait {
  readonly id: string;
  readonly runId: string;
  readonly nodeId: string;
  readonly visit: number;
  readonly signalKey: string | null;
  readonly resumeAt: Date | null;
  readonly state: Readonly<Record<string, unknown>>;
  readonly status: WaitRow['status'];
  readonly createdAt: Date;
}

function toWait(row: WaitRow): Wait {
  return {
    id: row.id,
    runId: row.run_id,
    nodeId: row.node_id,
    visit: row.visit,
    signalKey: row.signal_key,
    resumeAt: row.resume_at,
    state: row.state as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at,
  };
}

export interface NewWait {
  readonly runId: string;
  readonly nodeId: string;
  readonly visit: number;
  readonly signalKey: string | null;
  readonly resumeAt: Date | null;
  readonly state: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

export async function insertWait(db: Kysely<DB>, wait: NewWait): Promise<Wait> {
  const row = await db
    .insertInto('waits')
    .values({
      run_id: wait.runId,
      node_id: wait.nodeId,
      visit: wait.visit,
      signal_key: wait.signalKey,
      resume_at: wait.resumeAt,
      state: JSON.stringify(wait.state),
      status: 'pending',
      created_at: wait.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWait(row);
}

/**
 * Claims a pending wait for resumption. The conditional update is the whole
 * race: a timeout and a signal arriving together both try, one gets the row.
 */
export async function claimPendingWait(db: Kysely<DB>, waitId: string, now: Date): Promise<Wait | undefined> {
  const row = await db
    .updateTable('waits')
    .set({ status: 'resumed', resumed_at: now })
    .where('id', '=', waitId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toWait(row);
}

export async function findWait(db: Kysely<DB>, waitId: string): Promise<Wait | undefined> {
  const row = await db.selectFrom('waits').selectAll().where('id', '=', waitId).executeTakeFirst();
  return row === undefined ? undefined : toWait(row);
}

export async function cancelPendingWaits(db: Kysely<DB>, runId: string, now: Date): Promise<void> {
  await db.updateTable('waits').set({ status: 'cancelled', resumed_at: now }).where('run_id', '=', runId).where('status', '=', 'pending').execute();
}

export async function listWaits(db: Kysely<DB>, runId: string): Promise<Wait[]> {
  const rows = await db.selectFrom('waits').selectAll().where('run_id', '=', runId).orderBy('created_at').execute();
  return rows.map(toWait);
}
