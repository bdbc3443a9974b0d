import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Retention: what is deleted once its retention period is over. Every delete
 * here is bounded by `limit` and finds its rows by an index (migration
 * 0008-retention), so one statement stays short and holds its row locks
 * briefly however much is due; the retention pass repeats them until done.
 */

/** Records a workflow's own retention (its published `settings.retentionDays`); null falls back to the global default. */
export async function setWorkflowRetentionDays(db: Kysely<DB>, workflowId: string, days: number | null): Promise<void> {
  await db.updateTable('workflows').set({ retention_days: days }).where('id', '=', workflowId).execute();
}

/**
 * Deletes up to `limit` finished runs (completed, failed, cancelled) whose
 * `finished_at` is older than their workflow's retention, or `defaultDays` for
 * workflows without one; their steps and waits go with them (on delete
 * cascade). Runs in flight are never touched: the status test is the partial
 * index's own predicate. Rows another transaction holds (a stale job locking a
 * finished run) are skipped, not waited for: the next batch takes them.
 */
export async function deleteFinishedRuns(
  db: Kysely<DB>,
  options: { readonly now: Date; readonly defaultDays: number; readonly limit: number },
): Promise<number> {
  // Per workflow, so each workflow's cutoff is an index range of runs_finished_by_workflow
  // (a workflow that keeps its runs for a year costs no scan of that year).
  const result = await sql`
    delete from runs where id in (
      select due.id from workflows w
      cross join lateral (
        select r.id from runs r
        where r.workflow_id = w.id
          and r.status in ('completed', 'failed', 'cancelled')
          and r.finished_at < ${options.now}::timestamptz - make_interval(days => coalesce(w.retention_days, ${options.defaultDays}::int))
        order by r.finished_at
        limit ${options.limit}
        for update of r skip locked
      ) due
      limit ${options.limit}
    )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Deletes up to `limit` events received before `before`, oldest first. */
export async function deleteEventsBefore(db: Kysely<DB>, before: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('id', 'in', (eb) => eb.selectFrom('events').select('id').where('received_at', '<', before).orderBy('received_at').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes up to `limit` signals (taken or never claimed) that arrived before `before`, oldest first. */
export async function deleteSignalsBefore(db: Kysely<DB>, before: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('signals')
    .where('id', 'in', (eb) => eb.selectFrom('signals').select('id').where('created_at', '<', before).orderBy('created_at').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes test chats started before `before`, oldest first, at most `limit`: their runs (with
 * steps and waits), contacts and conversations go with them (foreign keys, migrations 0016 and
 * the inbox's 0004), then their pinned versions, which nothing references any more.
 */
export async function deleteTestsBefore(db: Kysely<DB>, before: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('tests')
      .where('id', 'in', (eb) => eb.selectFrom('tests').select('id').where('created_at', '<', before).orderBy('created_at').limit(limit))
      .returning(['workflow_id', 'version'])
      .execute();
    for (const test of gone) {
      await trx.deleteFrom('workflow_versions').where('workflow_id', '=', test.workflow_id).where('version', '=', test.version).execute();
    }
    return gone.length;
  });
}
