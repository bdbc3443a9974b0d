import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, TestsTable } from './database.ts';
import type { ActiveTrigger } from './triggers.ts';

/** A test chat: a pretend customer talking to a pinned copy of a workflow's draft. */
export interface Test {
  readonly id: string;
  readonly workflowId: string;
  /** The pinned test version (below zero). */
  readonly version: number;
  /** The pretend time as the person set it; null: the real time. */
  readonly clock: Date | null;
  /** When the pretend time was set: the test's clock runs on from `clock` from then. */
  readonly clockSetAt: Date | null;
  readonly assignForReal: boolean;
  readonly createdAt: Date;
}

function toTest(row: Selectable<TestsTable>): Test {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    clock: row.clock,
    clockSetAt: row.clock_set_at,
    assignForReal: row.assign_for_real,
    createdAt: row.created_at,
  };
}

/** How far ahead of the real clock a test's clock is, in milliseconds (0 for the real time). */
export function clockOffsetMs(test: Pick<Test, 'clock' | 'clockSetAt'>): number {
  return test.clock === null || test.clockSetAt === null ? 0 : test.clock.getTime() - test.clockSetAt.getTime();
}

export async function insertTest(
  db: Kysely<DB>,
  input: { readonly workflowId: string; readonly version: number; readonly clock: Date | null; readonly assignForReal: boolean; readonly now: Date },
): Promise<Test> {
  const row = await db
    .insertInto('tests')
    .values({
      workflow_id: input.workflowId,
      version: input.version,
      clock: input.clock,
      clock_set_at: input.clock === null ? null : input.now,
      assign_for_real: input.assignForReal,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTest(row);
}

export async function findTest(db: Kysely<DB>, id: string): Promise<Test | undefined> {
  const row = await db.selectFrom('tests').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toTest(row);
}

/**
 * Sets a test's pretend time, and moves the clocks of its runs in flight with it: a run
 * waiting ten pretend minutes still wakes ten real minutes after it began waiting, and what it
 * reads from its clock afterwards is the new pretend time.
 */
export async function setTestClock(db: Kysely<DB>, id: string, clock: Date | null, now: Date): Promise<Test | undefined> {
  const row = await db
    .updateTable('tests')
    .set({ clock, clock_set_at: clock === null ? null : now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const test = toTest(row);
  await db
    .updateTable('runs')
    .set({ clock_offset_ms: clockOffsetMs(test) })
    .where('test_id', '=', id)
    .where('status', 'in', ['running', 'waiting'])
    .execute();
  return test;
}

/** Deletes a test with its runs (cascade), its subjects and its pinned version. */
export async function deleteTest(db: Kysely<DB>, id: string): Promise<Test | undefined> {
  const row = await db.deleteFrom('tests').where('id', '=', id).returningAll().executeTakeFirst();
  if (row === undefined) return undefined;
  await db.deleteFrom('workflow_versions').where('workflow_id', '=', row.workflow_id).where('version', '=', row.version).execute();
  return toTest(row);
}

/** Tests created before `before`, oldest first: what the retention pass deletes. */
export async function listTestsCreatedBefore(db: Kysely<DB>, before: Date, limit: number): Promise<Test[]> {
  const rows = await db.selectFrom('tests').selectAll().where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
  return rows.map(toTest);
}

/** Gives a subject (a test conversation) to a test: its events start only the test's version. */
export async function bindTestSubject(db: Kysely<DB>, testId: string, subject: string): Promise<void> {
  await db
    .insertInto('test_subjects')
    .values({ subject, test_id: testId })
    .onConflict((oc) => oc.column('subject').doNothing())
    .execute();
}

/** The test owning a subject, if a test owns it. */
export async function findTestOfSubject(db: Kysely<DB>, subject: string): Promise<Test | undefined> {
  const row = await db
    .selectFrom('test_subjects')
    .innerJoin('tests', 'tests.id', 'test_subjects.test_id')
    .selectAll('tests')
    .where('test_subjects.subject', '=', subject)
    .executeTakeFirst();
  return row === undefined ? undefined : toTest(row);
}

export type EventStarts = { readonly test: Test } | { readonly test: undefined; readonly triggers: ActiveTrigger[] };

/** A row of eventStartsQuery: a test's (its id set), or a trigger's (id null). */
export type EventStartRow = Omit<Selectable<TestsTable>, 'id'> & { id: string | null };

/**
 * What an event starts: the test owning its subject when one does (its events start only the
 * test's version), otherwise the event triggers of its type. Asked in the statement that records
 * the event (store/events.ts), since every emit asks both: the test's row, or the trigger rows.
 */
export function eventStartsQuery(eventType: string, subject: string | null) {
  return sql`
    select tests.id, tests.workflow_id, tests.version, tests.clock, tests.clock_set_at, tests.assign_for_real, tests.created_at
    from test_subjects join tests on tests.id = test_subjects.test_id
    where test_subjects.subject = ${subject}
    union all
    select null::uuid, workflow_id, version, null::timestamptz, null::timestamptz, null::boolean, null::timestamptz
    from triggers
    where source = 'event' and event_type = ${eventType} and not exists (select 1 from test_subjects where subject = ${subject})
  `;
}

export function toEventStarts(rows: readonly EventStartRow[], eventType: string): EventStarts {
  const test = rows.find((row): row is Selectable<TestsTable> => row.id !== null);
  if (test !== undefined) return { test: toTest(test) };
  return { test: undefined, triggers: rows.map((row) => ({ workflowId: row.workflow_id, version: row.version, source: 'event', eventType })) };
}

/** The subjects a test owns (its conversations). */
export async function listTestSubjects(db: Kysely<DB>, testId: string): Promise<string[]> {
  const rows = await db.selectFrom('test_subjects').select('subject').where('test_id', '=', testId).execute();
  return rows.map((row) => row.subject);
}

/** Marks runs just started as runs of a test, with the test's clock. */
export async function markTestRuns(db: Kysely<DB>, runIds: readonly string[], test: Test): Promise<void> {
  if (runIds.length === 0) return;
  await db
    .updateTable('runs')
    .set({ test_id: test.id, clock_offset_ms: clockOffsetMs(test) })
    .where('id', 'in', [...runIds])
    .execute();
}
