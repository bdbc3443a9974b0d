import type { RunInfo } from '../sdk.ts';

export interface ScopeInput {
  readonly run: RunInfo;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Latest output of each node that ran, by node id. */
  readonly steps: Readonly<Record<string, unknown>>;
  readonly now: Date;
  /** Values from context providers (e.g. the inbox's `contact`, `conversation`, `assignee`). */
  readonly provided: Readonly<Record<string, unknown>>;
}

const NO_SECRETS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * What templates (`{{ vars.plan }}`) and conditions (`trigger.data.priority`) can
 * read. Provided values come first so that the engine's own names (`trigger`,
 * `vars`, `run`, `steps`, `now`, `secrets`) can't be shadowed by a provider.
 */
export function buildScope(input: ScopeInput): Readonly<Record<string, unknown>> {
  return {
    ...input.provided,
    trigger: input.trigger,
    vars: input.vars,
    steps: input.steps,
    // `depth` lets a flow that starts itself end its own chain before the bound does.
    run: {
      id: input.run.id,
      workflowId: input.run.workflowId,
      version: input.run.version,
      subject: input.run.subject,
      rootRunId: input.run.rootRunId,
      depth: input.run.depth,
    },
    now: input.now.toISOString(),
    // Reserved, so no provider can pose as it: a config's templates are rendered with the
    // secrets they name in its place (runtime/step-secrets.ts); node code asks ctx.secrets.
    secrets: NO_SECRETS,
  };
}
