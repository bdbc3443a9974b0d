import type { Kysely } from 'kysely';
import { fromKysely } from 'pg-boss';
import type { DB } from '../store/database.ts';
import { findWorkflow, setWorkflowPublished, setWorkflowStatus, type Workflow } from '../store/workflows.ts';
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
 * nothing is written. `note` says why, `by` who (null: a machine token).
 */
export async function publishWorkflow(
  rt: Runtime,
  trx: Kysely<DB>,
  workflowId: string,
  options: { readonly note?: string | null; readonly by?: string | null } = {},
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  const note = versionNote(options.note);
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
  const version = await insertNextVersion(trx, workflowId, {
    definition: compiled.definition,
    graph,
    note,
    by: options.by ?? null,
  });
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
  // The row is locked: the revision read above is the one published, whatever saves wait behind us.
  const updated = await setWorkflowPublished(trx, workflowId, version.version, workflow.revision);
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

/** The most a version's note may hold, in characters (the API's schema says the same). */
export const MAX_VERSION_NOTE_LENGTH = 500;

/** A note as stored: trimmed, and null when nothing is left. */
function versionNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  if (trimmed === '') return null;
  const length = Array.from(trimmed).length;
  if (length > MAX_VERSION_NOTE_LENGTH) {
    const message = `A version's note holds at most ${MAX_VERSION_NOTE_LENGTH} characters; this one has ${length}.`;
    throw new SwitchboardError('REQUEST_INVALID', message, { issues: [{ path: '/note', code: 'REQUEST_INVALID', message }] });
  }
  return trimmed;
}
