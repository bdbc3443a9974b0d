import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { WebhookRequest } from '../sdk.ts';
import { findTrigger } from '../store/triggers.ts';
import { SwitchboardError } from '../errors.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { CompiledNode } from '../graph/compile-graph.ts';
import { secretReferencesOf } from '../runtime/step-secrets.ts';
import { isSwitchboardError } from '../errors.ts';
import { loadSecrets } from '../secrets/manage-secrets.ts';
import { renderConfig } from '../runtime/render-config.ts';

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
  const config = await withSecrets(rt, trx, workflowId, node);
  definition.trigger.verify?.(config, request);
  const subject = definition.trigger.subject?.(config, request) ?? null;
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

/**
 * The trigger's config with each field that reads a secret (`"secret": "{{ secrets.ACME_WEBHOOK }}"`)
 * rendered with the stored values, for `verify`; other fields stay as written. A secret that is
 * missing or unreadable refuses the request with 503: the sender is not at fault, and the public
 * answer names no secret (the log does).
 */
async function withSecrets(rt: Runtime, trx: Kysely<DB>, workflowId: string, node: CompiledNode): Promise<Readonly<Record<string, unknown>>> {
  const references = secretReferencesOf(node.config);
  if (references.fields.length === 0) return node.config;
  let values: ReadonlyMap<string, string>;
  try {
    values = await loadSecrets(trx, rt.secretsKey, [...references.names]);
  } catch (error) {
    if (!isSwitchboardError(error)) throw error;
    rt.log.warn('webhook refused: its trigger reads a secret this process cannot get', { workflowId, nodeId: node.id, code: error.code, error: error.message });
    throw new SwitchboardError(
      error.code,
      `Workflow ${workflowId}'s webhook cannot check requests right now: its signing secret is not available. The engine's log says why.`,
      {
        status: 503,
      },
    );
  }
  const secrets = Object.fromEntries(values);
  const config = structuredClone(node.config) as Record<string, unknown>;
  for (const field of references.fields) {
    const segments = field.path
      .slice(1)
      .split('/')
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
    const key = segments.pop() as string;
    let parent: Record<string, unknown> = config;
    for (const segment of segments) parent = parent[segment] as Record<string, unknown>;
    parent[key] = renderConfig(parent[key], { secrets }, node.id);
  }
  return config;
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
