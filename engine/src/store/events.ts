import type { Kysely } from 'kysely';
import type { DB } from './database.ts';

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string | null;
  readonly idempotencyKey: string | null;
  readonly runIds: readonly string[];
  readonly receivedAt: Date;
}

/**
 * Records an event, or returns undefined when its idempotency key was seen
 * before: `on conflict do nothing` makes two concurrent deliveries of one key
 * race safely, exactly one inserts.
 */
export async function insertEvent(
  db: Kysely<DB>,
  event: { type: string; subject: string | null; idempotencyKey: string | null; data: unknown; now: Date },
): Promise<StoredEvent | undefined> {
  const row = await db
    .insertInto('events')
    .values({
      type: event.type,
      subject: event.subject,
      idempotency_key: event.idempotencyKey,
      data: JSON.stringify(event.data),
      run_ids: '[]',
      received_at: event.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, type: row.type, subject: row.subject, idempotencyKey: row.idempotency_key, runIds: row.run_ids, receivedAt: row.received_at };
}

export async function findEventByKey(db: Kysely<DB>, idempotencyKey: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('events').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, type: row.type, subject: row.subject, idempotencyKey: row.idempotency_key, runIds: row.run_ids, receivedAt: row.received_at };
}
