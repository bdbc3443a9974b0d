/**
 * @internal Test harness for node authors: runs one node's `run` (and `resume`)
 * the way the executor does (config rendered over the same scope, the same
 * context helpers, the secrets it used scrubbed from what it returns), without
 * a database. Use it for fast unit tests of a node; end-to-end golden tests go
 * through a real engine.
 */
import type { AnyNodeDefinition, Explanation, NodeDatabase, ResumeContext, RunInfo, StepResult } from './sdk.ts';
import { checkExplanation } from './runtime/check-explanation.ts';
import { type ExplanationText, translateExplanation } from './api/translate-explanation.ts';
import { renderConfig } from './runtime/render-config.ts';
import { buildScope } from './runtime/build-scope.ts';
import { makeResumeContext, makeStepContext, type StepInput } from './runtime/step-context.ts';
import { scrubStepResult, secretReferencesOf, StepSecrets } from './runtime/step-secrets.ts';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './graph/node-catalog.ts';
import { createEgressPolicy, type EgressOptions } from './egress/egress-policy.ts';
import { createEgressDispatcher } from './egress/egress-dispatcher.ts';
import { SwitchboardError } from './errors.ts';

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
  /** The secret store as the node sees it: `{{ secrets.NAME }}` in the config and `ctx.secrets.get('NAME')` read these. */
  readonly secrets?: Readonly<Record<string, string>>;
}

const noDatabase = new Proxy(
  {},
  {
    get() {
      throw new Error('This harness has no database; pass `db` to test a node that writes.');
    },
  },
) as NodeDatabase;

async function stepInput(
  node: AnyNodeDefinition,
  options: RunNodeOptions,
  explained: { value: Explanation | null } = { value: null },
): Promise<{ input: StepInput; secrets: StepSecrets }> {
  const ajv = createAjv();
  const config = structuredClone(options.config);
  const validate = ajv.compile(node.configSchema as object);
  if (!validate(config)) throw new Error(`Invalid config for ${node.type}: ${ajv.errorsText(validate.errors)}`);
  const now = options.now ?? new Date();
  const run: RunInfo = { id: 'run-1', workflowId: 'workflow-1', version: 1, subject: options.subject ?? null, startedAt: now, rootRunId: 'run-1', depth: 0, test: false, clockOffsetMs: 0 };
  const trigger = options.trigger ?? {};
  const vars = options.vars ?? {};
  const scope = buildScope({ run, trigger, vars, steps: options.steps ?? {}, now, provided: options.provided ?? {} });
  const store = options.secrets ?? {};
  const secrets = new StepSecrets(async (names) => {
    const missing = names.filter((name) => !Object.hasOwn(store, name));
    if (missing.length > 0) throw new SwitchboardError('SECRET_NOT_FOUND', `Secret "${missing[0]}" is not among the harness's \`secrets\`.`);
    return new Map(names.map((name) => [name, store[name] as string]));
  });
  const references = secretReferencesOf(config);
  const rendered = renderConfig(config, references.names.size === 0 ? scope : { ...scope, secrets: await secrets.forTemplates(references) }, 'node');
  secrets.noteRendered(references, rendered);
  const logs: string[] = [];
  const input: StepInput = {
    config: rendered,
    node: { id: 'node', type: node.type, name: undefined },
    run,
    trigger,
    vars,
    scope,
    visit: options.visit ?? 1,
    attempt: options.attempt ?? 1,
    db: options.db ?? noDatabase,
    now,
    log: secrets.logger({ info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) }),
    abortSignal: new AbortController().signal,
    egress: createEgressDispatcher(createEgressPolicy(options.egress)),
    secrets: secrets.forNode(),
    emit: async () => ({ runIds: [] }),
    startWorkflow: async () => ({ runId: 'child-run' }),
    explain: (given) => {
      explained.value = checkExplanation(given, { id: 'node', type: node.type }, node.explanations);
    },
  };
  return { input, secrets };
}

const outputValidators = new WeakMap<object, ValidateFunction>();

/**
 * Holds what a step leaves by (a port or a jump) against the node's `outputSchema`, so the
 * schema the editor shows stays the output later steps read. A wait's output is left alone:
 * the step's output once it resumes replaces it before any later step runs.
 */
function checkOutput(node: AnyNodeDefinition, result: StepResult): StepResult {
  const schema = node.outputSchema;
  if (schema === undefined || (result.kind !== 'next' && result.kind !== 'jump')) return result;
  let validate = outputValidators.get(schema);
  if (validate === undefined) {
    validate = createAjv().compile(schema);
    outputValidators.set(schema, validate);
  }
  if (!validate(structuredClone(result.output))) {
    const where = result.kind === 'next' ? `port "${result.port}"` : `its jump to "${result.target}"`;
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath === '' ? 'the output' : error.instancePath} ${error.message ?? ''}`.trim());
    throw new Error(
      `${node.type} left by ${where} with an output its outputSchema does not describe: ${problems.join('; ')}. Output: ${JSON.stringify(result.output)}`,
    );
  }
  return result;
}

/**
 * Runs a step node once and returns what it decided, with the secrets it used scrubbed as the
 * executor would record it. Throws when the node has an `outputSchema` and the output it
 * leaves with does not match it.
 */
export async function runNodeStep(node: AnyNodeDefinition, options: RunNodeOptions): Promise<StepResult> {
  if (node.kind !== 'step') throw new Error(`${node.type} is a trigger, not a step.`);
  const { input, secrets } = await stepInput(node, options);
  return checkOutput(node, scrubStepResult(await node.run(makeStepContext(input)), secrets.scrubber));
}

/** Resumes a step node's wait and returns what it decided, scrubbed and checked as runNodeStep's. */
export async function resumeNodeStep(
  node: AnyNodeDefinition,
  options: RunNodeOptions & { readonly resumed: ResumeContext<unknown>['resumed']; readonly state?: Readonly<Record<string, unknown>> },
): Promise<StepResult> {
  if (node.kind !== 'step' || node.resume === undefined) throw new Error(`${node.type} cannot resume.`);
  const { input, secrets } = await stepInput(node, options);
  return checkOutput(node, scrubStepResult(await node.resume(makeResumeContext(input, options.resumed, options.state ?? {})), secrets.scrubber));
}

/**
 * Runs a step node once (or resumes it, given `resumed`) and answers what it decided with the
 * explanation it recorded (`ctx.explain`), checked as the executor checks it and rendered in
 * `language` (defaults to the node's default language) as the API renders it.
 *
 * @example const { explanation } = await explainNodeStep(node, { config, language: 'es' }); // explanation.text: 'Le tocaba a Ana por turno.'
 */
export async function explainNodeStep(
  node: AnyNodeDefinition,
  options: RunNodeOptions & {
    readonly language?: string;
    readonly resumed?: ResumeContext<unknown>['resumed'];
    readonly state?: Readonly<Record<string, unknown>>;
  },
): Promise<{ readonly result: StepResult; readonly explanation: ExplanationText | null }> {
  if (node.kind !== 'step') throw new Error(`${node.type} is a trigger, not a step.`);
  const explained: { value: Explanation | null } = { value: null };
  const { input, secrets } = await stepInput(node, options, explained);
  const { resumed } = options;
  let decided: StepResult;
  if (resumed === undefined) decided = await node.run(makeStepContext(input));
  else {
    if (node.resume === undefined) throw new Error(`${node.type} cannot resume.`);
    decided = await node.resume(makeResumeContext(input, resumed, options.state ?? {}));
  }
  const result = checkOutput(node, scrubStepResult(decided, secrets.scrubber));
  const recorded = explained.value === null ? null : secrets.scrubber.value(explained.value);
  return { result, explanation: recorded === null ? null : translateExplanation(node, recorded, options.language === undefined ? [] : [options.language]) };
}
