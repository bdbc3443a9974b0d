import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findWorkflow, setWorkflowArchivedAt, type Workflow } from '../store/workflows.ts';
import { SwitchboardError } from '../errors.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { stopWorkflow } from './publish-workflow.ts';

/**
 * Archives a workflow: its trigger stops starting runs (as `stop` does), runs in
 * flight finish on their version, and it leaves the default workflow list. Its
 * versions and runs are kept, so every past run stays explainable (promise 7).
 * Archiving an archived workflow changes nothing.
 */
export async function archiveWorkflow(rt: Runtime, trx: Kysely<DB>, workflowId: string): Promise<Workflow> {
  const stopped = await stopWorkflow(rt, trx, workflowId);
  if (stopped.archivedAt !== null) return stopped;
  return setWorkflowArchivedAt(trx, workflowId, rt.clock());
}

/** Brings an archived workflow back as a stopped draft (`draft` if it was never published); publish it to start runs again. */
export async function restoreWorkflow(trx: Kysely<DB>, workflowId: string): Promise<Workflow> {
  // The row lock orders a restore after an archive or publish in flight.
  const workflow = await findWorkflow(trx, workflowId, { forUpdate: true });
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
  if (workflow.archivedAt === null) return workflow;
  return setWorkflowArchivedAt(trx, workflowId, null);
}
