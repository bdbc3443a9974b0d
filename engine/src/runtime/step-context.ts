import type {
  EmittedEvent,
  Explanation,
  NodeDatabase,
  NodeFailure,
  NodeLogger,
  NodeSecrets,
  ResumeContext,
  RunInfo,
  StepContext,
  StepResult,
  WaitRequest,
} from '../sdk.ts';
import { idempotencyKey } from './idempotency-key.ts';
import type { Dispatcher } from 'undici';
import { createGuardedFetch } from '../egress/guarded-fetch.ts';

/** What the executor (or the test harness) knows when it is about to run one step. */
export interface StepInput {
  readonly config: unknown;
  readonly node: { readonly id: string; readonly type: string; readonly name: string | undefined };
  readonly run: RunInfo;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly scope: Readonly<Record<string, unknown>>;
  readonly visit: number;
  readonly attempt: number;
  readonly db: NodeDatabase;
  readonly now: Date;
  readonly log: NodeLogger;
  readonly abortSignal: AbortSignal;
  /** The connection pool of `ctx.fetch`, which enforces the egress policy; refusals are logged through `log`. */
  readonly egress: Dispatcher;
  readonly secrets: NodeSecrets;
  readonly emit: (event: EmittedEvent) => Promise<{ readonly runIds: readonly string[] }>;
  readonly startWorkflow: (workflowId: string, input: Readonly<Record<string, unknown>>, subject?: string | null) => Promise<{ readonly runId: string }>;
  /** Where `ctx.explain` puts what the step says about its choice (runtime/check-explanation.ts checks it). */
  readonly explain: (explanation: Explanation) => void;
}

export function makeStepContext<Config>(input: StepInput): StepContext<Config> {
  return {
    config: input.config as Config,
    node: input.node,
    run: input.run,
    trigger: input.trigger,
    vars: input.vars,
    scope: input.scope,
    visit: input.visit,
    attempt: input.attempt,
    idempotencyKey: idempotencyKey(input.run.id, input.node.id, input.visit),
    db: input.db,
    now: input.now,
    log: input.log,
    abortSignal: input.abortSignal,
    fetch: createGuardedFetch(input.egress, input.log),
    secrets: input.secrets,
    next: (port: string, output: unknown = null, vars?: Readonly<Record<string, unknown>>): StepResult =>
      vars === undefined ? { kind: 'next', port, output } : { kind: 'next', port, output, vars },
    jump: (target: string, output: unknown = null): StepResult => ({ kind: 'jump', target, output }),
    wait: (wait: WaitRequest, output: unknown = null): StepResult => ({ kind: 'wait', wait, output }),
    retry: (afterMs: number, error: NodeFailure): StepResult => ({ kind: 'retry', afterMs, error }),
    explain: input.explain,
    emit: input.emit,
    startWorkflow: input.startWorkflow,
  };
}

export function makeResumeContext<Config>(
  input: StepInput,
  resumed: ResumeContext<Config>['resumed'],
  state: Readonly<Record<string, unknown>>,
): ResumeContext<Config> {
  return { ...makeStepContext<Config>(input), resumed, state };
}
