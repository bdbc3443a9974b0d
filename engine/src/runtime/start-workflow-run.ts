import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findWorkflow } from '../store/workflows.ts';
import { SwitchboardError } from '../errors.ts';
import { loadGraph } from './load-graph.ts';
import { startRun } from './start-run.ts';
import type { Runtime } from './runtime.ts';
import type { RunChain } from './run-chain.ts';
import { checkPayloadSize } from './check-payload-size.ts';

/**
 * Starts a run of a published workflow directly: the manual trigger, the API's
 * `POST /api/workflows/:id/runs`, and `core.trigger_workflow` all come here.
 */
export async function startWorkflowRun(
  rt: Runtime,
  trx: Kysely<DB>,
  input: {
    readonly workflowId: string;
    readonly input: Readonly<Record<string, unknown>>;
    readonly subject: string | null;
    /** The starting run's child chain for `core.trigger_workflow`; null for a start from outside. */
    readonly chain: RunChain | null;
  },
): Promise<{ readonly runId: string; readonly started: boolean }> {
  checkPayloadSize(input.input, `The input of a run of workflow ${input.workflowId}`);
  const workflow = await findWorkflow(trx, input.workflowId);
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${input.workflowId} does not exist.`);
  if (workflow.status !== 'active' || workflow.activeVersion === null) {
    throw new SwitchboardError('WORKFLOW_NOT_ACTIVE', `Workflow "${workflow.name}" (${workflow.id}) is ${workflow.status}; publish it before starting runs.`);
  }
  const graph = await loadGraph(rt, trx, workflow.id, workflow.activeVersion);
  const result = await startRun(rt, trx, {
    workflowId: workflow.id,
    version: workflow.activeVersion,
    graph,
    subject: input.subject,
    trigger: input.input,
    eventId: null,
    chain: input.chain,
  });
  return { runId: result.runId, started: result.started };
}
