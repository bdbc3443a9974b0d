import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, WorkflowVersionsTable } from './database.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import type { PersonRef } from './workflows.ts';

export interface WorkflowVersion {
  readonly workflowId: string;
  readonly version: number;
  readonly definition: unknown;
  readonly graph: CompiledGraph;
  /** When it was published. */
  readonly createdAt: Date;
  /** Why, in the publisher's words; null when they gave none. */
  readonly note: string | null;
  /** Who published it; null for a machine token or a deleted person. */
  readonly publishedBy: PersonRef | null;
}

type VersionRow = Selectable<WorkflowVersionsTable> & { readonly published_by_name: string | null };

function toVersion(row: VersionRow): WorkflowVersion {
  return {
    workflowId: row.workflow_id,
    version: row.version,
    definition: row.definition,
    graph: row.graph as CompiledGraph,
    createdAt: row.created_at,
    note: row.note,
    publishedBy: row.published_by === null || row.published_by_name === null ? null : { id: row.published_by, name: row.published_by_name },
  };
}

function publishedByName(eb: ExpressionBuilder<DB, 'workflow_versions'>) {
  return eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'workflow_versions.published_by').as('published_by_name');
}

/**
 * Appends the next numbered, immutable version. Called with the workflow row
 * locked, so two concurrent publishes get consecutive numbers rather than a
 * unique-key failure.
 */
export async function insertNextVersion(
  db: Kysely<DB>,
  workflowId: string,
  input: { readonly definition: unknown; readonly graph: CompiledGraph; readonly note: string | null; readonly by: string | null },
): Promise<WorkflowVersion> {
  const row = await db
    .insertInto('workflow_versions')
    .values((eb) => ({
      workflow_id: workflowId,
      // Test versions are numbered below zero (migration 0016) and never take a published number.
      version: eb
        .selectFrom('workflow_versions')
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
        .where('workflow_id', '=', workflowId)
        .where('version', '>', 0),
      definition: JSON.stringify(input.definition),
      graph: JSON.stringify(input.graph),
      note: input.note,
      published_by: input.by,
    }))
    .returningAll()
    .returning(publishedByName)
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

export async function listVersions(db: Kysely<DB>, workflowId: string): Promise<WorkflowVersion[]> {
  const rows = await db
    .selectFrom('workflow_versions')
    .selectAll('workflow_versions')
    .select(publishedByName)
    .where('workflow_id', '=', workflowId)
    .where('version', '>', 0)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

export async function findVersion(db: Kysely<DB>, workflowId: string, version: number): Promise<WorkflowVersion | undefined> {
  const row = await db
    .selectFrom('workflow_versions')
    .selectAll('workflow_versions')
    .select(publishedByName)
    .where('workflow_id', '=', workflowId)
    .where('version', '=', version)
    .where('version', '>', 0)
    .executeTakeFirst();
  return row === undefined ? undefined : toVersion(row);
}

export async function findVersionGraph(db: Kysely<DB>, workflowId: string, version: number): Promise<CompiledGraph | undefined> {
  const row = await db.selectFrom('workflow_versions').select('graph').where('workflow_id', '=', workflowId).where('version', '=', version).executeTakeFirst();
  return row?.graph as CompiledGraph | undefined;
}

/**
 * Pins a draft as a test version: a number below zero, so published versions keep their
 * sequence and no list of versions shows it. Called with the workflow row locked, like a publish.
 */
export async function insertTestVersion(db: Kysely<DB>, workflowId: string, input: { readonly definition: unknown; readonly graph: CompiledGraph }): Promise<number> {
  const row = await db
    .insertInto('workflow_versions')
    .values(() => ({
      workflow_id: workflowId,
      // Never reused (migration 0016): every process caches graphs per (workflow, version).
      version: sql<number>`-nextval('test_version_numbers')::int`,
      definition: JSON.stringify(input.definition),
      graph: JSON.stringify(input.graph),
      note: null,
      published_by: null,
    }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function deleteTestVersion(db: Kysely<DB>, workflowId: string, version: number): Promise<void> {
  if (version >= 0) return;
  await db.deleteFrom('workflow_versions').where('workflow_id', '=', workflowId).where('version', '=', version).execute();
}
