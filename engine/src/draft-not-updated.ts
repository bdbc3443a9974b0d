import type { Kysely } from 'kysely';
import { SwitchboardError } from './errors.ts';
import type { DB } from './store/database.ts';
import { findWorkflow } from './store/workflows.ts';
import { archivedError } from './triggers/assert-not-archived.ts';

/**
 * The error for a conditional draft write that updated nothing: the workflow
 * is gone (WORKFLOW_NOT_FOUND), was archived meanwhile (WORKFLOW_ARCHIVED), or its revision moved past the one the writer
 * read (WORKFLOW_REVISION_CONFLICT, with the revision it has now and who saved
 * it when, so the client can say so, reload and merge). The read is only for the message: the update
 * itself already decided who won.
 */
export async function draftNotUpdated(db: Kysely<DB>, id: string, ifRevision: readonly number[] | undefined): Promise<SwitchboardError> {
  const current = await findWorkflow(db, id);
  if (current === undefined) return new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
  if (current.archivedAt !== null) return archivedError(current, 'edited');
  if (ifRevision === undefined) return new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
  // Null for an API token of no one, a save from before people existed or a deleted person.
  const savedBy = current.updatedBy === null ? '' : ` by ${current.updatedBy.name}`;
  return new SwitchboardError(
    'WORKFLOW_REVISION_CONFLICT',
    `The draft of "${current.name}" is at revision ${current.revision}, not ${ifRevision.join(' or ')}: it was saved${savedBy} at ${current.updatedAt.toISOString()}, after you loaded it. Reload it, apply your change and save with If-Match: "${current.revision}".`,
    { details: { currentRevision: current.revision, updatedAt: current.updatedAt.toISOString(), updatedBy: current.updatedBy } },
  );
}
