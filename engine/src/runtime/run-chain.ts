import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { RunInfo } from '../sdk.ts';
import { countRecentChainedRuns } from '../store/runs.ts';
import { SwitchboardError } from '../errors.ts';
import type { Runtime } from './runtime.ts';

/**
 * Where a run about to start sits in the chain of runs started by runs. A run
 * started from outside (an API event, a person, a schedule, a webhook called
 * without a chain) has none: it is its own root, at depth 0.
 */
export interface RunChain {
  /** The run whose step starts this one; null through a webhook, whose caller is not known here. */
  readonly parentRunId: string | null;
  readonly rootRunId: string;
  /** 1 or more. */
  readonly depth: number;
}

/** The chain of a run that a step of `run` starts (`core.trigger_workflow`, `ctx.emit`). */
export function childChain(run: Pick<RunInfo, 'id' | 'rootRunId' | 'depth'>): RunChain {
  return { parentRunId: run.id, rootRunId: run.rootRunId, depth: run.depth + 1 };
}

/** The bounds on runs started by runs (README "What the engine promises", promise 8). */
export interface RunBounds {
  /** The deepest a run may sit in its chain. Defaults to 10. */
  readonly maxDepth: number;
  /** Runs started by runs that one workflow may get in any second. Defaults to 100. */
  readonly maxChainedRunsPerSecond: number;
}

export const DEFAULT_RUN_BOUNDS: RunBounds = { maxDepth: 10, maxChainedRunsPerSecond: 100 };

const WINDOW_MS = 1000;

/**
 * Refuses, before anything is written, starts of runs by runs past the bounds.
 * A flow that starts itself (directly, through its own webhook, or through an
 * event it emits) otherwise runs without end, and a fork doubles each time; the
 * depth bound ends a chain, the rate bound a fork that is wide rather than deep
 * (a jump loop around `core.trigger_workflow` starts up to 1,000 runs a visit).
 *
 * Only starts with a chain are counted: runs started from outside (inbound
 * messages, API events: the hot path) pay nothing, not even a statement.
 *
 * The rate is counted from the runs themselves (store/runs.ts), not
 * from a counter row: a counter upserted in the starting transaction would hold
 * its row lock until that transaction commits, queueing every chained start of
 * a workflow behind the one before it, a tax on a sub-flow that many runs start
 * legitimately. The count sees committed runs and this transaction's own, so
 * transactions starting one workflow at the same moment can pass it together:
 * a second may admit up to the bound once per such transaction (at most the
 * workers' concurrency, summed over processes), still a bound.
 *
 * Both refusals are `user` errors, so the starting step fails and is not
 * retried: a retried start would keep a fork alive at the bound for as long as
 * attempts last and hide the loop that causes it. A flow that legitimately
 * starts more runs of one workflow a second raises the bound.
 */
export async function checkChainedStarts(
  rt: Runtime,
  trx: Kysely<DB>,
  starts: readonly { readonly workflowId: string; readonly chain: RunChain | null }[],
  now: Date,
): Promise<void> {
  const { maxDepth, maxChainedRunsPerSecond } = rt.runBounds;
  const planned = new Map<string, { count: number; chain: RunChain }>();
  for (const { workflowId, chain } of starts) {
    if (chain === null) continue;
    if (chain.depth > maxDepth) {
      throw new SwitchboardError(
        'RUN_DEPTH_LIMIT',
        `${starter(chain)} may not start a run of workflow ${workflowId}: runs started by runs may be at most ${maxDepth} deep ` +
          `(SWITCHBOARD_MAX_RUN_DEPTH), and this one would be at depth ${chain.depth}. A flow that starts itself ` +
          '(core.trigger_workflow, its own webhook, an event it emits) needs a condition that ends it.',
        { details: { workflowId, rootRunId: chain.rootRunId, parentRunId: chain.parentRunId, depth: chain.depth, maxDepth } },
      );
    }
    const entry = planned.get(workflowId);
    planned.set(workflowId, { count: (entry?.count ?? 0) + 1, chain: entry?.chain ?? chain });
  }
  if (planned.size === 0) return;
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await countRecentChainedRuns(trx, [...planned.keys()], since);
  for (const [workflowId, { count, chain }] of planned) {
    const started = recent.get(workflowId) ?? 0;
    if (started + count <= maxChainedRunsPerSecond) continue;
    throw new SwitchboardError(
      'RUN_RATE_LIMIT',
      `${starter(chain)} may not start a run of workflow ${workflowId}: it already had ${started} runs started by runs in the last second, ` +
        `the most one workflow may have (SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND = ${maxChainedRunsPerSecond}). ` +
        'A flow that starts itself in a fork or a loop is the usual cause; the start is not retried.',
      { details: { workflowId, rootRunId: chain.rootRunId, parentRunId: chain.parentRunId, depth: chain.depth, maxChainedRunsPerSecond } },
    );
  }
}

function starter(chain: RunChain): string {
  const at = `depth ${chain.depth - 1} in the chain of run ${chain.rootRunId}`;
  return chain.parentRunId === null ? `A run at ${at}, calling a webhook,` : `Run ${chain.parentRunId} (${at})`;
}
