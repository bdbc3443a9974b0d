import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { parseRunChain, RUN_CHAIN_HEADER, type WebhookRequest } from '../sdk.ts';
import { findTrigger } from '../store/triggers.ts';
import { isSwitchboardError, SwitchboardError } from '../errors.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { RunChain } from '../runtime/run-chain.ts';
import type { CompiledNode } from '../graph/compile-graph.ts';
import { secretReferencesOf } from '../runtime/step-secrets.ts';
import { loadSecrets } from '../secrets/manage-secrets.ts';
import { renderConfig } from '../runtime/render-config.ts';

/**
 * `POST /hooks/:workflowId`: verify the request with the trigger node's own
 * check, then start a run, one deeper in the chain of the run that called it
 * when the request carries one (`Switchboard-Run-Chain`, which core.http_request
 * sends): a flow calling its own webhook meets the same bounds as one that
 * starts itself with core.trigger_workflow.
 */
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
  const chain = chainOfCaller(request.headers[RUN_CHAIN_HEADER]);
  const subject = definition.trigger.subject?.(config, request) ?? null;
  const result = await startRun(rt, trx, {
    workflowId,
    version: trigger.version,
    graph,
    subject,
    trigger: { body: request.body, headers: pickHeaders(request.headers) },
    eventId: null,
    chain,
  });
  return { runId: result.runId, started: result.started };
}

/**
 * The chain a webhook request continues, from its `Switchboard-Run-Chain` header.
 *
 * The header is not signed, and need not be: it can only make a run deeper.
 * Without it a request starts a root run at depth 0, which anyone allowed to
 * call the webhook can do already; a claimed chain starts the run at the claimed
 * depth + 1, so it meets the depth bound sooner. A forger can cut its own runs
 * short, never make one shallower than a root, so it gains nothing. The root id
 * is taken as given (it may name a run of another Switchboard): it labels the
 * chain, and no bound is counted by it. A claimed chain does count toward the
 * workflow's runs started by runs in the second, which a caller of the webhook
 * can spend; require a signature (the trigger's secret) where that matters.
 * The calling run is not recorded as the parent: it may not exist here.
 */
function chainOfCaller(header: string | string[] | undefined): RunChain | null {
  if (header === undefined) return null;
  const caller = typeof header === 'string' ? parseRunChain(header) : undefined;
  if (caller === undefined) {
    throw new SwitchboardError(
      'REQUEST_INVALID',
      `The ${RUN_CHAIN_HEADER} header must be "<root run id>;depth=<n>", as Switchboard sends it (one header, a uuid and a whole number); found ${JSON.stringify(header)}. Leave it out to start a run from outside.`,
      { issues: [{ path: `/headers/${RUN_CHAIN_HEADER}`, code: 'REQUEST_INVALID', message: 'must be "<root run id>;depth=<n>"' }] },
    );
  }
  return { parentRunId: null, rootRunId: caller.rootRunId, depth: caller.depth + 1 };
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
