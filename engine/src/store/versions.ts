import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';

export interface WorkflowVersion {
  readonly workflowId: string;
  readonly version: number;
  readonly definition: unknown;
  readonly graph: CompiledGraph;
  readonly createdAt: Date;
}

/**
 * Appends the next numbered, immutable version. Called with the workflow row
 * locked, so two concurrent publishes get consecutive numbers rather than a
 * unique-key failure.
 */
export async function insertNextVersion(db: Kysely<DB>, workflowId: string, definition: unknown, graph: CompiledGraph): Promise<WorkflowVersion> {
  const row = await db
    .insertInto('workflow_versions')
    .values((eb) => ({
      workflow_id: workflowId,
      version: eb.selectFrom('workflow_versions').select(sql<number>`coalesce(max(version), 0) + 1`.as('next')).where('workflow_id', '=', workflowId),
      definition: JSON.stringify(definition),
      graph: JSON.stringify(graph),
    }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { workflowId: row.workflow_id, version: row.version, definition: row.definition, graph: row.graph as CompiledGraph, createdAt: row.created_at };
}

export async function listVersions(db: Kysely<DB>, workflowId: string): Promise<WorkflowVersion[]> {
  const rows = await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId).orderBy('version', 'desc').execute();
  return rows.map((row) => ({
    workflowId: row.workflow_id,
    version: row.version,
    definition: row.definition,
    graph: row.graph as CompiledGraph,
    createdAt: row.created_at,
  }));
}

export async function findVersionGraph(db: Kysely<DB>, workflowId: string, version: number): Promise<CompiledGraph | undefined> {
  const row = await db.selectFrom('workflow_versions').select('graph').where('workflow_id', '=', workflowId).where('version', '=', version).executeTakeFirst();
  return row?.graph as CompiledGraph | undefined;
}
