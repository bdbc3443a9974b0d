import type { Kysely, Selectable } from 'kysely';
import type { DB, WorkflowsTable, WorkflowStatus } from './database.ts';

export interface Workflow {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly draft: unknown;
  readonly status: WorkflowStatus;
  readonly activeVersion: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

function toWorkflow(row: Selectable<WorkflowsTable>): Workflow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    draft: row.draft,
    status: row.status,
    activeVersion: row.active_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertWorkflow(db: Kysely<DB>, input: { name: string; description: string | null; draft: unknown }): Promise<Workflow> {
  const row = await db
    .insertInto('workflows')
    .values({ name: input.name, description: input.description, draft: JSON.stringify(input.draft) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWorkflow(row);
}

export async function updateWorkflowDraft(db: Kysely<DB>, id: string, input: { name: string; description: string | null; draft: unknown }): Promise<Workflow | undefined> {
  const row = await db
    .updateTable('workflows')
    .set({ name: input.name, description: input.description, draft: JSON.stringify(input.draft), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

export async function findWorkflow(db: Kysely<DB>, id: string, options: { forUpdate?: boolean } = {}): Promise<Workflow | undefined> {
  let query = db.selectFrom('workflows').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

export async function listWorkflows(db: Kysely<DB>): Promise<Workflow[]> {
  const rows = await db.selectFrom('workflows').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toWorkflow);
}

export async function setWorkflowStatus(db: Kysely<DB>, id: string, status: WorkflowStatus, activeVersion: number | null): Promise<Workflow> {
  const row = await db
    .updateTable('workflows')
    .set({ status, active_version: activeVersion, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWorkflow(row);
}
