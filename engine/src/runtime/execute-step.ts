import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { CompiledNode } from '../graph/compile-graph.ts';
import type { CatalogEntry } from '../graph/node-catalog.ts';
import type { AnyNodeDefinition, Explanation, NodeDatabase, ResumeContext, RunInfo, StepResult } from '../sdk.ts';
import { checkExplanation } from './check-explanation.ts';
import { type RecordedError, SwitchboardError, toRecordedError } from '../errors.ts';
import { renderConfig } from './render-config.ts';
import { buildScope } from './build-scope.ts';
import { loadProvidedScope } from './load-provided-scope.ts';
import { makeResumeContext, makeStepContext, type StepInput } from './step-context.ts';
import { backoffMs, DEFAULT_MAX_ATTEMPTS } from './retry-policy.ts';
import type { Runtime } from './runtime.ts';
import { stepTimeoutMs } from '../graph/step-timeout.ts';
import { startStepDeadline } from './step-deadline.ts';
import { stepEffects } from './step-effects.ts';
import { runNow } from './run-clock.ts';
import { checkStepOutput } from './check-step-output.ts';
import { scrubError, scrubStepResult, secretReferencesOf, StepSecrets } from './step-secrets.ts';
import { loadSecrets } from '../secrets/manage-secrets.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';

/** What one step did: a node's decision, or a failure the executor records; `explanation` is what it said about it (`ctx.explain`). */
export type StepOutcome =
  | { readonly kind: 'result'; readonly result: StepResult; readonly input: unknown; readonly startedAt: Date; readonly explanation: Explanation | null }
  | { readonly kind: 'failed'; readonly error: RecordedError; readonly input: unknown; readonly startedAt: Date; readonly explanation: Explanation | null };

export interface StepArguments {
  readonly node: CompiledNode;
  readonly entry: CatalogEntry<AnyNodeDefinition>;
  readonly run: RunInfo;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly visit: number;
  readonly attempt: number;
  /** Present when the step resumes a wait. */
  readonly resume?: { readonly resumed: ResumeContext<unknown>['resumed']; readonly state: Readonly<Record<string, unknown>> };
}

/**
 * Runs a node's `run` (or `resume`) once and captures what happened. Never
 * throws for anything a node does: a thrown error becomes a `failed` outcome,
 * or a `retry` when the error is operational and attempts remain. `db` is the
 * step's transaction, or the pool for external nodes.
 */
export async function executeStep(rt: Runtime, stepDb: Kysely<DB>, args: StepArguments): Promise<StepOutcome> {
  const startedAt = rt.clock();
  let input: unknown = args.node.config;
  const deadline = startStepDeadline(rt.abortSignal, stepTimeoutMs(args.node, args.entry.definition), args.node);
  const db = deadline.guard(stepDb);
  // Read through the step's own handle: in its transaction, under its deadline.
  const secrets = new StepSecrets((names) => loadSecrets(db, rt.secretsKey, names));
  const { scrubber } = secrets;
  let explanation: Explanation | null = null;
  // Params may carry rendered config, so a secret a template put there is scrubbed like the output.
  const explained = () => (explanation === null ? null : scrubber.value(explanation));
  try {
    const provided = await loadProvidedScope(rt.contextProviders, db as unknown as NodeDatabase, args.run, args.node, args.entry);
    // The run's time (a test's pretend clock), for templates and nodes alike; records keep real time.
    const now = runNow(startedAt, args.run);
    const scope = buildScope({ run: args.run, trigger: args.trigger, vars: args.vars, steps: args.outputs, now, provided });
    const references = secretReferencesOf(args.node.config);
    const config = renderConfig(
      args.node.config,
      references.names.size === 0 ? scope : { ...scope, secrets: await secrets.forTemplates(references) },
      args.node.id,
    );
    secrets.noteRendered(references, config);
    // The recorded input shows where each secret went (`Bearer [secret:API_TOKEN]`), never its value.
    input = scrubber.value(config);
    const definition = args.entry.definition;
    if (definition.kind !== 'step') throw new SwitchboardError('STEP_FAILED', `Node "${args.node.id}" is a trigger and cannot run as a step.`);
    const stepInput: StepInput = {
      config,
      node: { id: args.node.id, type: args.node.type, name: args.node.name },
      run: args.run,
      trigger: args.trigger,
      vars: args.vars,
      scope,
      visit: args.visit,
      attempt: args.attempt,
      db: db as unknown as NodeDatabase,
      now,
      log: secrets.logger(rt.log.child({ runId: args.run.id, nodeId: args.node.id })),
      abortSignal: deadline.signal,
      egress: rt.egress,
      secrets: secrets.forNode(),
      ...scrubbedEffects(stepEffects(rt, db, args.node, definition, args.run), scrubber),
      explain: (given) => {
        explanation = checkExplanation(given, args.node, definition.explanations);
      },
    };
    let result: StepResult;
    if (args.resume === undefined) {
      result = await deadline.race(() => definition.run(makeStepContext(stepInput)));
    } else {
      if (definition.resume === undefined) throw new SwitchboardError('STEP_FAILED', `Node "${args.node.id}" (${args.node.type}) waited but has no resume().`);
      const { resume } = definition;
      const { resumed, state } = args.resume;
      result = await deadline.race(() => resume(makeResumeContext(stepInput, resumed, state)));
    }
    const checked = checkStepOutput(scrubStepResult(checkResult(result, args.node), scrubber), args.node, args.vars);
    return { kind: 'result', result: checked, input, startedAt, explanation: explained() };
  } catch (error) {
    const recorded = scrubError(toRecordedError(error), scrubber);
    if (recorded.kind === 'operational' && args.attempt < DEFAULT_MAX_ATTEMPTS) {
      return { kind: 'result', result: { kind: 'retry', afterMs: backoffMs(args.attempt), error: recorded }, input, startedAt, explanation: explained() };
    }
    if (!(error instanceof SwitchboardError))
      secrets.logger(rt.log).error('a node threw an unexpected error', { runId: args.run.id, nodeId: args.node.id, error });
    return { kind: 'failed', error: recorded, input, startedAt, explanation: explained() };
  } finally {
    deadline.end();
  }
}

/** Events a step emits and runs it starts are run data too: a secret the step used goes into neither. */
function scrubbedEffects(effects: Pick<StepInput, 'emit' | 'startWorkflow'>, scrubber: SecretScrubber): Pick<StepInput, 'emit' | 'startWorkflow'> {
  return {
    emit: (event) => effects.emit(scrubber.value(event)),
    startWorkflow: (workflowId, input, subject) => effects.startWorkflow(workflowId, scrubber.value(input), subject),
  };
}

/** A node must answer with a port it declared; anything else is the node's bug, reported as such. */
function checkResult(result: StepResult, node: CompiledNode): StepResult {
  if (result === null || typeof result !== 'object' || !['next', 'jump', 'wait', 'retry'].includes(result.kind)) {
    throw new SwitchboardError(
      'STEP_FAILED',
      `Node "${node.id}" (${node.type}) returned ${JSON.stringify(result)}; return ctx.next(), ctx.wait(), ctx.jump() or ctx.retry().`,
    );
  }
  if (result.kind === 'next' && !node.ports.includes(result.port)) {
    throw new SwitchboardError('STEP_FAILED', `Node "${node.id}" (${node.type}) chose port "${result.port}", but it has ports ${node.ports.join(', ')}.`);
  }
  if (result.kind === 'wait' && result.wait.until === undefined && result.wait.signal === undefined) {
    throw new SwitchboardError('STEP_FAILED', `Node "${node.id}" (${node.type}) asked to wait with neither "until" nor "signal"; it would never resume.`);
  }
  return result;
}
