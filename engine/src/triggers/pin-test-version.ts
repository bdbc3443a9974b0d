import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findWorkflow } from '../store/workflows.ts';
import { insertTestVersion } from '../store/versions.ts';
import { insertTest, type Test } from '../store/tests.ts';
import { checkWorkflow } from './check-workflow.ts';
import { SwitchboardError } from '../errors.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { summarizeIssues } from '../graph/summarize-issues.ts';

/**
 * Starts a test chat of a workflow: its current draft, checked exactly as publishing checks it,
 * is pinned as a test version that no trigger points at (so the live version, its trigger and
 * its runs are untouched), and a test row records the pretend clock. A draft that would not
 * publish is refused with every issue (422) and nothing is written. The caller (the inbox) then
 * gives the test its conversations' subjects (`bindTestSubject`).
 */
export async function pinTestVersion(
  rt: Runtime,
  trx: Kysely<DB>,
  workflowId: string,
  options: { readonly clock: Date | null; readonly assignForReal: boolean },
): Promise<Test> {
  // Locked as a publish locks it: the draft read is the draft pinned.
  const workflow = await findWorkflow(trx, workflowId, { forUpdate: true });
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
  const compiled = await checkWorkflow(trx, rt.catalog, workflow.draft);
  if (!compiled.ok) {
    const [first] = compiled.issues;
    throw new SwitchboardError(first?.code ?? 'DEFINITION_INVALID', `The draft of "${workflow.name}" cannot be tested: ${summarizeIssues(compiled.issues)}`, {
      status: 422,
      issues: compiled.issues,
    });
  }
  const trigger = rt.catalog.get(compiled.graph.triggerType)?.definition;
  if (trigger?.kind !== 'trigger' || trigger.trigger.source !== 'event') {
    const message = `The draft of "${workflow.name}" starts with ${compiled.graph.triggerType}; a test chat can only drive a flow that a conversation's events start.`;
    throw new SwitchboardError('TEST_TRIGGER_UNSUPPORTED', message, {
      issues: [{ path: `/nodes/${compiled.definition.nodes.findIndex((node) => node.id === compiled.graph.triggerId)}/type`, code: 'TEST_TRIGGER_UNSUPPORTED', message }],
    });
  }
  const version = await insertTestVersion(trx, workflowId, { definition: compiled.definition, graph: compiled.graph });
  return insertTest(trx, { workflowId, version, clock: options.clock, assignForReal: options.assignForReal, now: rt.clock() });
}
