import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Signals resume waits. One that arrives while no wait is pending is kept, so
 * a wait recorded a moment later can still take it (promise 5: a resume that
 * arrives before its wait is recorded is not lost).
 */
export async function insertSignal(db: Kysely<DB>, key: string, data: unknown, now: Date, consumedBy: string | null): Promise<void> {
  await db.insertInto('signals').values({ key, data: JSON.stringify(data), created_at: now, consumed_by: consumedBy }).execute();
}

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
  await sql`select pg_advisory_xact_lock(hashtext(${`signal:${key}`}))`.execute(db);
}

export async function deleteSignalsBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('signals').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
