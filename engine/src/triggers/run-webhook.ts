import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { WebhookRequest } from '../sdk.ts';
import { findTrigger } from '../store/triggers.ts';
import { SwitchboardError } from '../errors.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';

/** `POST /hooks/:workflowId`: verify the request with the trigger node's own check, then start a run. */
export async function runWebhook(rt: Runtime, trx: Kysely<DB>, workflowId: string, request: WebhookRequest): Promise<{ runId: string; started: boolean }> {
  const trigger = await findTrigger(trx, workflowId);
  if (trigger === undefined) throw new SwitchboardError('WORKFLOW_NOT_ACTIVE', `Workflow ${workflowId} is not published, or does not exist.`, { status: 404 });
  if (trigger.source !== 'webhook')
    throw new SwitchboardError('WORKFLOW_TRIGGER_MISMATCH', `Workflow ${workflowId} is not started by a webhook (its trigger is "${trigger.source}").`);
  const graph = await loadGraph(rt, trx, workflowId, trigger.version);
  const node = graph.nodes[graph.triggerId];
  const definition = node === undefined ? undefined : rt.catalog.get(node.type)?.definition;
  if (node === undefined || definition?.kind !== 'trigger' || definition.trigger.source !== 'webhook') {
    throw new SwitchboardError('WORKFLOW_TRIGGER_MISMATCH', `Workflow ${workflowId}'s trigger is not a webhook trigger.`);
  }
  definition.trigger.verify?.(node.config, request);
  const subject = definition.trigger.subject?.(node.config, request) ?? null;
  const result = await startRun(rt, trx, {
    workflowId,
    version: trigger.version,
    graph,
    subject,
    trigger: { body: request.body, headers: pickHeaders(request.headers) },
    eventId: null,
    parentRunId: null,
  });
  return { runId: result.runId, started: result.started };
}

// Credentials never reach the run record.
function pickHeaders(headers: WebhookRequest['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || /^(authorization|cookie|x-switchboard-signature)$/i.test(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
