import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { AnyNodeDefinition, RunInfo } from '../sdk.ts';
import { SwitchboardError } from '../errors.ts';
import type { Runtime } from './runtime.ts';
import type { StepInput } from './step-context.ts';
import { startWorkflowRun } from './start-workflow-run.ts';
import { childChain } from './run-chain.ts';

/**
 * `ctx.emit` and `ctx.startWorkflow` for one step. Both write through the
 * step's transaction, so the event, the runs it starts and their first jobs
 * commit with the step's record, exactly once (promise 1). Runs they start are
 * one deeper in this run's chain, so the depth and rate bounds apply to them.
 *
 * A node with `effects: 'external'` runs outside any transaction and at least
 * once, so it does not get them: on the pool, the subject lock would be
 * released at once, a run could commit without its job, and a retried call
 * would emit again. Recording the calls as intents applied with the step's
 * outcome was the alternative; it would change what `emit` can return (the
 * runs it started are not known until then) and keep a second path for the
 * same effect. The author's fix is one step away: return what the call found
 * and emit from a following step with `effects: 'database'`.
 */
export function stepEffects(
  rt: Runtime,
  db: Kysely<DB>,
  node: { readonly id: string; readonly type: string },
  definition: AnyNodeDefinition,
  run: RunInfo,
): Pick<StepInput, 'emit' | 'startWorkflow'> {
  if (definition.kind === 'step' && definition.effects === 'external') {
    const refuse = (call: string) => async (): Promise<never> => {
      throw new SwitchboardError(
        'STEP_EFFECT_NOT_ALLOWED',
        `Node "${node.id}" (${node.type}) has effects 'external' and called ctx.${call}(), which needs the step's transaction. Return what the outside call found and call ctx.${call}() from a following step with effects 'database'.`,
      );
    };
    return { emit: refuse('emit'), startWorkflow: refuse('startWorkflow') };
  }
  return {
    emit: (event) => rt.emit(db, event, childChain(run)),
    startWorkflow: async (workflowId, input, subject) => startWorkflowRun(rt, db, { workflowId, input, subject: subject ?? null, chain: childChain(run) }),
  };
}
