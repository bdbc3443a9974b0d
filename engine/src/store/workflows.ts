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
  /** When it was archived; null while it is not. */
  readonly archivedAt: Date | null;
  /** The draft's revision: 1 when created, bumped by every draft write (see updateWorkflowDraft). */
  readonly revision: number;
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
    archivedAt: row.archived_at,
    revision: row.revision,
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

/**
 * Replaces a draft and bumps its revision. With `ifRevision`, only while the
 * draft is still at one of those revisions; undefined when the workflow is
 * missing or its revision moved on (findWorkflow tells which).
 */
export async function updateWorkflowDraft(
  db: Kysely<DB>,
  id: string,
  input: { name: string; description: string | null; draft: unknown; ifRevision?: readonly number[] },
): Promise<Workflow | undefined> {
  // One conditional statement: two writers holding the same revision can't both
  // pass. The second one's UPDATE waits on the first's row lock, then Postgres
  // re-checks the WHERE against the committed row, whose revision has moved on,
  // so it updates nothing (a lost update is impossible, not just unlikely).
  let query = db
    .updateTable('workflows')
    .set((eb) => ({
      name: input.name,
      description: input.description,
      draft: JSON.stringify(input.draft),
      updated_at: new Date(),
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id)
    // In the same statement as the revision check: an archive that commits between the caller's
    // read and this write leaves the draft as it was (the caller answers WORKFLOW_ARCHIVED).
    .where('archived_at', 'is', null);
  if (input.ifRevision !== undefined) query = query.where('revision', 'in', input.ifRevision);
  const row = await query.returningAll().executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

export async function findWorkflow(db: Kysely<DB>, id: string, options: { forUpdate?: boolean } = {}): Promise<Workflow | undefined> {
  let query = db.selectFrom('workflows').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

export async function listWorkflows(db: Kysely<DB>, filter: { readonly archived?: boolean } = {}): Promise<Workflow[]> {
  const rows = await db
    .selectFrom('workflows')
    .selectAll()
    .where('archived_at', filter.archived === true ? 'is not' : 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toWorkflow);
}

/** Archives (a date) or restores (null) a workflow. */
export async function setWorkflowArchivedAt(db: Kysely<DB>, id: string, archivedAt: Date | null): Promise<Workflow> {
  const row = await db
    .updateTable('workflows')
    .set({ archived_at: archivedAt, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWorkflow(row);
}

/** Whether any run of the workflow exists, finished or not. */
export async function hasRuns(db: Kysely<DB>, workflowId: string): Promise<boolean> {
  const row = await db.selectFrom('runs').select('id').where('workflow_id', '=', workflowId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Deletes a workflow with its versions and triggers (the foreign keys cascade). */
export async function deleteWorkflowWithVersions(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('workflows').where('id', '=', id).execute();
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
