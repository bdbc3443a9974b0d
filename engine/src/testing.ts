/**
 * @internal Test harness for node authors: runs one node's `run` (and `resume`)
 * the way the executor does (config rendered over the same scope, the same
 * context helpers), without a database. Use it for fast unit tests of a node;
 * end-to-end golden tests go through a real engine.
 */
import type { AnyNodeDefinition, NodeDatabase, ResumeContext, RunInfo, StepResult } from './sdk.ts';
import { renderConfig } from './runtime/render-config.ts';
import { buildScope } from './runtime/build-scope.ts';
import { makeResumeContext, makeStepContext, type StepInput } from './runtime/step-context.ts';
import { createAjv } from './graph/node-catalog.ts';
import { createEgressPolicy, type EgressOptions } from './egress/egress-policy.ts';
import { createEgressDispatcher } from './egress/egress-dispatcher.ts';

export interface RunNodeOptions {
  readonly config: Readonly<Record<string, unknown>>;
  readonly trigger?: Readonly<Record<string, unknown>>;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly steps?: Readonly<Record<string, unknown>>;
  readonly provided?: Readonly<Record<string, unknown>>;
  readonly subject?: string | null;
  readonly visit?: number;
  readonly attempt?: number;
  readonly now?: Date;
  readonly db?: NodeDatabase;
  /**
   * What `ctx.fetch` may reach, as `createEngine({ egress })` takes it. Defaults to the
   * engine's default, public addresses only: `{ allow: ['127.0.0.1'] }` lets a test call its own server.
   */
  readonly egress?: EgressOptions;
}

const noDatabase = new Proxy(
  {},
  {
    get() {
      throw new Error('This harness has no database; pass `db` to test a node that writes.');
    },
  },
) as NodeDatabase;

function stepInput(node: AnyNodeDefinition, options: RunNodeOptions): StepInput {
  const ajv = createAjv();
  const config = structuredClone(options.config);
  const validate = ajv.compile(node.configSchema as object);
  if (!validate(config)) throw new Error(`Invalid config for ${node.type}: ${ajv.errorsText(validate.errors)}`);
  const now = options.now ?? new Date();
  const run: RunInfo = { id: 'run-1', workflowId: 'workflow-1', version: 1, subject: options.subject ?? null, startedAt: now, rootRunId: 'run-1', depth: 0 };
  const trigger = options.trigger ?? {};
  const vars = options.vars ?? {};
  const scope = buildScope({ run, trigger, vars, steps: options.steps ?? {}, now, provided: options.provided ?? {} });
  const logs: string[] = [];
  return {
    config: renderConfig(config, scope, 'node'),
    node: { id: 'node', type: node.type, name: undefined },
    run,
    trigger,
    vars,
    scope,
    visit: options.visit ?? 1,
    attempt: options.attempt ?? 1,
    db: options.db ?? noDatabase,
    now,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    abortSignal: new AbortController().signal,
    egress: createEgressDispatcher(createEgressPolicy(options.egress)),
    emit: async () => ({ runIds: [] }),
    startWorkflow: async () => ({ runId: 'child-run' }),
  };
}

/** Runs a step node once and returns what it decided. */
export async function runNodeStep(node: AnyNodeDefinition, options: RunNodeOptions): Promise<StepResult> {
  if (node.kind !== 'step') throw new Error(`${node.type} is a trigger, not a step.`);
  return node.run(makeStepContext(stepInput(node, options)));
}

/** Resumes a step node's wait and returns what it decided. */
export async function resumeNodeStep(
  node: AnyNodeDefinition,
  options: RunNodeOptions & { readonly resumed: ResumeContext<unknown>['resumed']; readonly state?: Readonly<Record<string, unknown>> },
): Promise<StepResult> {
  if (node.kind !== 'step' || node.resume === undefined) throw new Error(`${node.type} cannot resume.`);
  return node.resume(makeResumeContext(stepInput(node, options), options.resumed, options.state ?? {}));
}
