import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Signals resume waits. One that arrives while no wait is pending is kept, so
 * a wait recorded a moment later can still take it (promise 5: a resume that
 * arrives before its wait is recorded is not lost).
 */

/** Takes the oldest unconsumed signal on a key that arrived at or after `since`. */
export async function consumeSignal(db: Kysely<DB>, key: string, since: Date, waitId: string): Promise<{ data: Record<string, unknown> } | undefined> {
  const row = await db
    .updateTable('signals')
    .set({ consumed_by: waitId })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('signals')
        .select('id')
        .where('key', '=', key)
        .where('consumed_by', 'is', null)
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning('data')
    .executeTakeFirst();
  return row === undefined ? undefined : { data: row.data as Record<string, unknown> };
}

/** Serializes signal delivery and wait registration on one key for the rest of the transaction. */
export async function lockSignalKey(db: Kysely<DB>, key: string): Promise<void> {
  await signalKeyLockStatement(key).execute(db);
}

/** A 64-bit key, like the subject lock's: unrelated keys do not wait for each other. */
export function signalKeyLockStatement(key: string): RawBuilder<unknown> {
  return sql`select pg_advisory_xact_lock(hashtextextended(${`signal:${key}`}, 0))`;
}

/**
 * Delivers a signal in one statement: claims every wait pending on the key
 * (oldest first) and returns them; when none was pending, keeps the signal for
 * a wait recorded a moment later, but only if `subject` has a run in flight
 * that could still record one (a null subject always keeps it). Call with the
 * key locked (lockSignalKey): that lock is what makes "no wait yet" and "keep
 * the signal" one decision against a concurrent wait registration. A wait
 * that a timeout job holds is neither claimed nor handed the signal later: a
 * signal goes to the wait that was pending when it arrived, or to none.
 */
export async function claimWaitsOrKeepSignal(
  db: Kysely<DB>,
  signal: { key: string; subject: string | null; data: unknown; now: Date },
): Promise<{ waitId: string; runId: string }[]> {
  const result = await sql<{ id: string; run_id: string }>`
    with pending as (
      select id from waits where signal_key = ${signal.key} and status = 'pending' order by created_at for update skip locked
    ), claimed as (
      update waits set status = 'resumed', resumed_at = ${signal.now}
      where id in (select id from pending) and status = 'pending'
      returning id, run_id, created_at
    ), kept as (
      insert into signals (key, data, created_at, consumed_by)
      select ${signal.key}, ${JSON.stringify(signal.data)}::jsonb, ${signal.now}, null
      where not exists (select 1 from claimed)
        -- A wait on the key that is pending but locked (skipped above) is being resumed right
        -- now by its timeout, or cancelled. The signal was meant for that wait, so it goes to
        -- it or to none: kept, it would resume the next wait on the key, which the timeout
        -- may be about to record (a question asked again) and which never saw it arrive.
        and not exists (select 1 from waits where signal_key = ${signal.key} and status = 'pending')
        and (${signal.subject}::text is null or exists (
          select 1 from runs where subject = ${signal.subject} and status in ('running', 'waiting')
        ))
    )
    select id, run_id from claimed order by created_at
  `.execute(db);
  return result.rows.map((row) => ({ waitId: row.id, runId: row.run_id }));
}
