import type { Kysely } from 'kysely';
import type { DB, TriggerSource } from './database.ts';

export interface ActiveTrigger {
  readonly workflowId: string;
  readonly version: number;
  readonly source: TriggerSource;
  readonly eventType: string | null;
}

/** Points a workflow's trigger at its newly published version (one trigger row per event type). */
export async function replaceTriggers(
  db: Kysely<DB>,
  workflowId: string,
  version: number,
  source: TriggerSource,
  eventTypes: readonly string[],
): Promise<void> {
  await db.deleteFrom('triggers').where('workflow_id', '=', workflowId).execute();
  const types = eventTypes.length > 0 ? eventTypes : [null];
  await db
    .insertInto('triggers')
    .values(types.map((eventType) => ({ workflow_id: workflowId, version, source, event_type: eventType })))
    .execute();
}

export async function deleteTriggers(db: Kysely<DB>, workflowId: string): Promise<void> {
  await db.deleteFrom('triggers').where('workflow_id', '=', workflowId).execute();
}

export async function findTrigger(db: Kysely<DB>, workflowId: string): Promise<ActiveTrigger | undefined> {
  const row = await db.selectFrom('triggers').selectAll().where('workflow_id', '=', workflowId).limit(1).executeTakeFirst();
  return row === undefined ? undefined : { workflowId: row.workflow_id, version: row.version, source: row.source, eventType: row.event_type };
}

export async function listTriggers(db: Kysely<DB>, source: TriggerSource): Promise<ActiveTrigger[]> {
  const rows = await db.selectFrom('triggers').selectAll().where('source', '=', source).execute();
  return rows.map((row) => ({ workflowId: row.workflow_id, version: row.version, source: row.source, eventType: row.event_type }));
}
