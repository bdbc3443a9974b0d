import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { deleteWorkflowWithVersions, findWorkflow, hasRuns } from '../store/workflows.ts';
import { SwitchboardError } from '../errors.ts';
import { SCHEDULE_QUEUE } from '../runtime/queue.ts';
import type { Runtime } from '../runtime/runtime.ts';

/**
 * Deletes a workflow that never ran, whatever its status, with its versions and
 * triggers. A workflow with runs is refused (WORKFLOW_HAS_RUNS): deleting it would
 * delete the record of what those runs did (promise 7), so it is archived instead.
 */
export async function deleteWorkflow(rt: Runtime, trx: Kysely<DB>, workflowId: string): Promise<void> {
  // The race this lock wins: inserting a run takes a key-share lock on its workflow
  // row (the foreign key), which conflicts with this update lock. A run inserted
  // first makes us wait until it commits, and `hasRuns` (a new statement, so a new
  // snapshot under read committed) then sees it; a run inserted after waits for us
  // and fails its foreign key. Either way no run is deleted with the workflow.
  const workflow = await findWorkflow(trx, workflowId, { forUpdate: true });
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
  if (await hasRuns(trx, workflowId)) {
    throw new SwitchboardError(
      'WORKFLOW_HAS_RUNS',
      `Workflow "${workflow.name}" (${workflowId}) has runs, and deleting it would delete the record of what they did. Archive it instead: POST /api/workflows/${workflowId}/archive.`,
    );
  }
  await rt.boss.unschedule(SCHEDULE_QUEUE, workflowId);
  await deleteWorkflowWithVersions(trx, workflowId);
}
