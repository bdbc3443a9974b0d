import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EventsTable } from './database.ts';
import { type EventStartRow, type EventStarts, eventStartsQuery, toEventStarts } from './tests.ts';
import { signalKeyLockStatement } from './signals.ts';

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string | null;
  readonly idempotencyKey: string | null;
  readonly runIds: readonly string[];
  readonly receivedAt: Date;
}

/**
 * Records an event and finds what it starts (eventStartsQuery), in one statement; undefined when
 * its idempotency key was seen before: `on conflict do nothing` makes two concurrent deliveries
 * of one key race safely, exactly one inserts.
 *
 * With `lockSignalKey`, the same statement first takes that signal key's lock (lockSignalKey in
 * signals.ts), a round trip fewer for an event whose signal the caller delivers next. The caller
 * must hold the lock of the event's subject already: the subject's lock comes before a signal
 * key's everywhere.
 */
export async function insertEvent(
  db: Kysely<DB>,
  event: { type: string; subject: string | null; idempotencyKey: string | null; data: unknown; now: Date; lockSignalKey?: string },
): Promise<{ readonly event: StoredEvent; readonly starts: EventStarts } | undefined> {
  const values = sql`${event.type}::text, ${event.subject}::text, ${event.idempotencyKey}::text, ${JSON.stringify(event.data)}::jsonb, '[]'::jsonb, ${event.now}::timestamptz`;
  // The insert takes its one row from the lock's, so the lock is taken before it.
  const insert =
    event.lockSignalKey === undefined
      ? sql`insert into events (type, subject, idempotency_key, data, run_ids, received_at) values (${values})`
      : sql`insert into events (type, subject, idempotency_key, data, run_ids, received_at)
          select ${values} from (${signalKeyLockStatement(event.lockSignalKey)}) as locked`;
  // One row per test or trigger found, each with the event's columns; one row with no start when none is.
  const { rows } = await sql<Selectable<EventsTable> & StartColumns>`
    with stored as (
      ${insert}
      on conflict (idempotency_key) do nothing
      returning *
    )
    select stored.*, start.id as start_test_id, start.workflow_id as start_workflow_id, start.version as start_version,
      start.clock as start_clock, start.clock_set_at as start_clock_set_at, start.assign_for_real as start_assign_for_real,
      start.created_at as start_created_at
    from stored left join lateral (${eventStartsQuery(event.type, event.subject)}) as start on true
  `.execute(db);
  const [row] = rows;
  if (row === undefined) return undefined;
  const starts = rows.flatMap((each): EventStartRow[] =>
    each.start_workflow_id === null
      ? []
      : [
          {
            id: each.start_test_id,
            workflow_id: each.start_workflow_id,
            version: each.start_version,
            clock: each.start_clock,
            clock_set_at: each.start_clock_set_at,
            assign_for_real: each.start_assign_for_real,
            created_at: each.start_created_at,
          },
        ],
  );
  return {
    event: { id: row.id, type: row.type, subject: row.subject, idempotencyKey: row.idempotency_key, runIds: row.run_ids, receivedAt: row.received_at },
    starts: toEventStarts(starts, event.type),
  };
}

/** The start columns of insertEvent's rows, null where the event starts nothing. */
interface StartColumns {
  readonly start_test_id: string | null;
  readonly start_workflow_id: string | null;
  readonly start_version: number;
  readonly start_clock: Date | null;
  readonly start_clock_set_at: Date | null;
  readonly start_assign_for_real: boolean;
  readonly start_created_at: Date;
}

export async function findEventByKey(db: Kysely<DB>, idempotencyKey: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('events').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, type: row.type, subject: row.subject, idempotencyKey: row.idempotency_key, runIds: row.run_ids, receivedAt: row.received_at };
}
