import type { Kysely } from 'kysely';
import { fromKysely } from 'pg-boss';
import type { DB } from '../store/database.ts';
import { findWorkflow, setWorkflowStatus, type Workflow } from '../store/workflows.ts';
import { insertNextVersion, type WorkflowVersion } from '../store/versions.ts';
import { deleteTriggers, replaceTriggers } from '../store/triggers.ts';
import { checkWorkflow } from './check-workflow.ts';
import { setWorkflowRetentionDays } from '../store/retention.ts';
import { SwitchboardError } from '../errors.ts';
import { SCHEDULE_QUEUE } from '../runtime/queue.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { assertNotArchived } from './assert-not-archived.ts';
import { summarizeIssues } from '../graph/summarize-issues.ts';

/**
 * Publishes a workflow's draft as its next immutable version and points its
 * trigger at it. Runs already in flight stay on the version they started with
 * (promise 6). A draft that does not compile is rejected with every issue and
 * nothing is written.
 */
export async function publishWorkflow(rt: Runtime, trx: Kysely<DB>, workflowId: string): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  // The row lock serializes concurrent publishes of one workflow.
  const workflow = await findWorkflow(trx, workflowId, { forUpdate: true });
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
  assertNotArchived(workflow, 'published');
  const compiled = await checkWorkflow(trx, rt.catalog, workflow.draft);
  if (!compiled.ok) {
    const [first] = compiled.issues;
    throw new SwitchboardError(
      first?.code ?? 'DEFINITION_INVALID',
      `The draft of "${workflow.name}" cannot be published: ${summarizeIssues(compiled.issues)}`,
      {
        status: 422,
        issues: compiled.issues,
      },
    );
  }
  const { graph } = compiled;
  const version = await insertNextVersion(trx, workflowId, compiled.definition, graph);
  const trigger = rt.catalog.get(graph.triggerType)?.definition;
  if (trigger?.kind !== 'trigger') throw new SwitchboardError('INTERNAL', `Trigger type ${graph.triggerType} vanished during publish.`);
  const triggerConfig = graph.nodes[graph.triggerId]?.config ?? {};
  const spec = trigger.trigger;
  await replaceTriggers(trx, workflowId, version.version, spec.source, spec.source === 'event' ? spec.eventTypes(triggerConfig) : []);
  if (spec.source === 'schedule') {
    const { expression, timezone } = spec.cron(triggerConfig);
    await rt.boss.schedule(SCHEDULE_QUEUE, expression, { workflowId }, { tz: timezone, key: workflowId, db: fromKysely(trx) });
  } else {
    await rt.boss.unschedule(SCHEDULE_QUEUE, workflowId);
  }
  await setWorkflowRetentionDays(trx, workflowId, compiled.definition.settings?.retentionDays ?? null);
  const updated = await setWorkflowStatus(trx, workflowId, 'active', version.version);
  return { workflow: updated, version };
}

/** Deactivates a workflow: its trigger stops starting runs; runs in flight finish on their version. */
export async function stopWorkflow(rt: Runtime, trx: Kysely<DB>, workflowId: string): Promise<Workflow> {
  const workflow = await findWorkflow(trx, workflowId, { forUpdate: true });
  if (workflow === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${workflowId} does not exist.`);
  await deleteTriggers(trx, workflowId);
  await rt.boss.unschedule(SCHEDULE_QUEUE, workflowId);
  return setWorkflowStatus(trx, workflowId, workflow.activeVersion === null ? 'draft' : 'stopped', workflow.activeVersion);
}
