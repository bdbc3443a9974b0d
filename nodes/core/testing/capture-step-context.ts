/**
 * @internal Test support. The harness fixes some capabilities (`startWorkflow`
 * always answers "child-run", `abortSignal` never aborts); this returns the
 * context it would hand `run`, rendered and with defaults filled, so a test
 * can swap one capability and call `run` itself.
 */
import { defineNode, type ConfigOf, type StepContext, type StepNodeDefinition, type TSchema } from '@switchboard/sdk';
import { runNodeStep, type RunNodeOptions } from '@switchboard/engine/testing';

export async function captureStepContext<S extends TSchema>(node: StepNodeDefinition<S>, options: RunNodeOptions): Promise<StepContext<ConfigOf<S>>> {
  const captured: StepContext<ConfigOf<S>>[] = [];
  const probe = defineNode({
    ...node,
    // The probe leaves with no output, which is not the node's.
    outputSchema: undefined,
    run: (ctx) => {
      captured.push(ctx);
      return ctx.next('captured');
    },
  });
  await runNodeStep(probe, options);
  const [ctx] = captured;
  if (ctx === undefined) throw new Error(`The harness did not run ${node.type}.`);
  return ctx;
}
