import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, WorkflowsTable, WorkflowStatus } from './database.ts';

/** A person named on a record: who saved a draft, published a version, has a flow open. */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface Workflow {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly draft: unknown;
  readonly status: WorkflowStatus;
  readonly activeVersion: number | null;
  readonly createdAt: Date;
  /** When the draft was last saved (created, saved, renamed, restored from a version). */
  readonly updatedAt: Date;
  /** Who saved it then; null for a machine token, a draft saved before people existed, or a deleted person. */
  readonly updatedBy: PersonRef | null;
  /** When it was archived; null while it is not. */
  readonly archivedAt: Date | null;
  /** The draft's revision: 1 when created, bumped by every draft write (see updateWorkflowDraft). */
  readonly revision: number;
  /**
   * Whether the draft differs from the active version (its name and description aside): a
   * save since publishing changed it. False for a workflow never published.
   */
  readonly hasUnpublishedChanges: boolean;
}

type WorkflowRow = Selectable<WorkflowsTable> & { readonly updated_by_name: string | null };

function toWorkflow(row: WorkflowRow): Workflow {
  return { ...workflowFields(row), draft: row.draft };
}

/** Everything of a workflow but its draft, which the list screen does not read. */
function workflowFields(
  row: Pick<
    WorkflowRow,
    | 'id'
    | 'name'
    | 'description'
    | 'status'
    | 'active_version'
    | 'created_at'
    | 'updated_at'
    | 'updated_by'
    | 'updated_by_name'
    | 'archived_at'
    | 'revision'
    | 'published_revision'
  >,
): Omit<Workflow, 'draft'> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    activeVersion: row.active_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by === null || row.updated_by_name === null ? null : { id: row.updated_by, name: row.updated_by_name },
    archivedAt: row.archived_at,
    revision: row.revision,
    hasUnpublishedChanges: hasUnpublishedChanges(row),
  };
}

function hasUnpublishedChanges(row: Pick<Selectable<WorkflowsTable>, 'active_version' | 'published_revision' | 'revision'>): boolean {
  return row.active_version !== null && row.published_revision !== row.revision;
}

/** The name of the person who saved the draft, beside the row: in a select, or in the RETURNING of a write. */
function updatedByName(eb: ExpressionBuilder<DB, 'workflows'>) {
  return eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'workflows.updated_by').as('updated_by_name');
}

export async function insertWorkflow(
  db: Kysely<DB>,
  input: { name: string; description: string | null; draft: unknown; by: string | null; now: Date },
): Promise<Workflow> {
  const row = await db
    .insertInto('workflows')
    .values({
      name: input.name,
      description: input.description,
      draft: JSON.stringify(input.draft),
      updated_by: input.by,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .returning(updatedByName)
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
  input: { name: string; description: string | null; draft: unknown; ifRevision?: readonly number[]; by?: string | null; now?: Date },
): Promise<Workflow | undefined> {
  const draft = JSON.stringify(input.draft);
  // One conditional statement: two writers holding the same revision can't both
  // pass. The second one's UPDATE waits on the first's row lock, then Postgres
  // re-checks the WHERE against the committed row, whose revision has moved on,
  // so it updates nothing (a lost update is impossible, not just unlikely).
  let query = db
    .updateTable('workflows')
    .set((eb) => ({
      name: input.name,
      description: input.description,
      draft,
      updated_at: input.now ?? new Date(),
      updated_by: input.by ?? null,
      revision: eb('revision', '+', 1),
      // A save that puts back what is published (an undo, restoring the active version) leaves
      // nothing to publish. SET reads the row as it was, so `revision + 1` is the new revision.
      // A save that waited behind a publish's row lock does not see the new version from its
      // snapshot, so it keeps published_revision: at worst it reports changes that are not
      // there, never hides one.
      published_revision: sql<number | null>`case
        when (cast(${draft} as jsonb) - 'name' - 'description') = (
          select v.definition - 'name' - 'description' from workflow_versions v
          where v.workflow_id = workflows.id and v.version = workflows.active_version
        ) then revision + 1
        else published_revision end`,
    }))
    .where('id', '=', id)
    // In the same statement as the revision check: an archive that commits between the caller's
    // read and this write leaves the draft as it was (the caller answers WORKFLOW_ARCHIVED).
    .where('archived_at', 'is', null);
  if (input.ifRevision !== undefined) query = query.where('revision', 'in', input.ifRevision);
  const row = await query.returningAll().returning(updatedByName).executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

export async function findWorkflow(db: Kysely<DB>, id: string, options: { forUpdate?: boolean } = {}): Promise<Workflow | undefined> {
  let query = db.selectFrom('workflows').selectAll('workflows').select(updatedByName).where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toWorkflow(row);
}

/** Archives (a date) or restores (null) a workflow. The draft is untouched, so `updatedAt` stays. */
export async function setWorkflowArchivedAt(db: Kysely<DB>, id: string, archivedAt: Date | null): Promise<Workflow> {
  const row = await db
    .updateTable('workflows')
    .set({ archived_at: archivedAt })
    .where('id', '=', id)
    .returningAll()
    .returning(updatedByName)
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

/** Stops a workflow, or makes it a draft again; the draft is untouched, so `updatedAt` stays. */
export async function setWorkflowStatus(db: Kysely<DB>, id: string, status: WorkflowStatus, activeVersion: number | null): Promise<Workflow> {
  const row = await db
    .updateTable('workflows')
    .set({ status, active_version: activeVersion })
    .where('id', '=', id)
    .returningAll()
    .returning(updatedByName)
    .executeTakeFirstOrThrow();
  return toWorkflow(row);
}

/** Makes `version`, published from draft `revision`, the active one: nothing is left to publish. */
export async function setWorkflowPublished(db: Kysely<DB>, id: string, version: number, revision: number): Promise<Workflow> {
  const row = await db
    .updateTable('workflows')
    .set({ status: 'active', active_version: version, published_revision: revision })
    .where('id', '=', id)
    .returningAll()
    .returning(updatedByName)
    .executeTakeFirstOrThrow();
  return toWorkflow(row);
}

/** A workflow as the list screen shows it: everything but the draft, and its runs of the last 24 hours. */
export interface WorkflowSummary extends Omit<Workflow, 'draft'> {
  readonly runsLast24Hours: RecentRuns;
}

export interface RecentRuns {
  /** Runs started in the window, counted up to RECENT_RUNS_CAP. */
  readonly total: number;
  /** Of those, the ones that failed, counted up to RECENT_RUNS_CAP. */
  readonly failed: number;
  /** True when `total` reached the cap: there were at least that many (show "10,000+"). */
  readonly capped: boolean;
}

/**
 * Where the list stops counting a workflow's recent runs. Counting is an index range scan, so
 * its cost grows with the runs in the window: a workflow with a million runs a day would cost
 * the list screen a second; capped, every workflow costs at most this many index entries.
 */
export const RECENT_RUNS_CAP = 10_000;

export interface WorkflowListFilter {
  /** true lists the archived workflows instead of the others. */
  readonly archived?: boolean;
  /** Part of the name, any case. */
  readonly query?: string;
  readonly status?: WorkflowStatus;
  readonly hasUnpublishedChanges?: boolean;
}

/**
 * The workflows of the list screen, newest first, in one statement: each with the name of
 * who saved its draft and the count of its runs started since `since` and of the failed ones
 * among them. The runs come from runs_by_workflow (workflow_id, created_at) and the failures
 * from runs_failed_by_workflow, both index-only ranges; neither reads a run's row
 * (test/bench/workflow-list.ts measures it).
 */
export async function listWorkflowSummaries(db: Kysely<DB>, filter: WorkflowListFilter, since: Date): Promise<WorkflowSummary[]> {
  const rows = await workflowSummariesQuery(db, filter, since).execute();
  return rows.map((row) => {
    const total = Number(row.runs_total);
    const failed = Number(row.runs_failed);
    return {
      ...workflowFields(row),
      runsLast24Hours: { total: Math.min(total, RECENT_RUNS_CAP), failed: Math.min(failed, RECENT_RUNS_CAP), capped: total > RECENT_RUNS_CAP },
    };
  });
}

/** @internal The list's statement, for listWorkflowSummaries and the benchmark that explains it. */
export function workflowSummariesQuery(db: Kysely<DB>, filter: WorkflowListFilter, since: Date) {
  const limit = RECENT_RUNS_CAP + 1;
  let query = db
    .selectFrom('workflows')
    .select([
      'id',
      'name',
      'description',
      'status',
      'active_version',
      'created_at',
      'updated_at',
      'updated_by',
      'archived_at',
      'revision',
      'published_revision',
    ])
    .select(updatedByName)
    .select([
      // Test chats' runs are never counted. They are subtracted rather than filtered out, which keeps
      // the count an index-only scan; they are few, read through the partial index runs_by_test.
      sql<string>`greatest(0, (select count(*) from (
        select from runs r where r.workflow_id = workflows.id and r.created_at >= ${since} limit ${limit}
      ) recent) - (select count(*) from runs t where t.test_id is not null and t.workflow_id = workflows.id and t.created_at >= ${since}))`.as('runs_total'),
      sql<string>`(select count(*) from (
        select from runs r where r.workflow_id = workflows.id and r.status = 'failed' and r.created_at >= ${since} and r.test_id is null limit ${limit}
      ) recent)`.as('runs_failed'),
    ])
    .where('archived_at', filter.archived === true ? 'is not' : 'is', null);
  if (filter.query !== undefined && filter.query !== '') query = query.where('name', 'ilike', `%${escapeLike(filter.query)}%`);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.hasUnpublishedChanges !== undefined) {
    const changed = sql<boolean>`(active_version is not null and published_revision is distinct from revision)`;
    query = query.where(filter.hasUnpublishedChanges ? changed : sql<boolean>`not ${changed}`);
  }
  return query.orderBy('created_at', 'desc').orderBy('id');
}

/** A LIKE pattern that matches `text` literally: `%`, `_` and the escape character itself lose their meaning. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The names of these workflows (archived ones too), by id: one primary-key lookup each. */
export async function findWorkflowNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('workflows').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
