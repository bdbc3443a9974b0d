import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { DB } from '../store/database.ts';
import { SwitchboardError } from '../errors.ts';

export interface StepDeadline {
  /** Aborted at the deadline (reason: the STEP_TIMEOUT error) or when the process shuts down. */
  readonly signal: AbortSignal;
  /** `db` as the step sees it: it refuses every query once the step is over, by deadline or by returning. */
  guard(db: Kysely<DB>): Kysely<DB>;
  /** Settles with `work`, or rejects with STEP_TIMEOUT at the deadline; the work is then abandoned, never awaited. */
  race<T>(work: () => T | Promise<T>): Promise<T>;
  /** The step is over: stops the timer and closes the guarded handles. */
  end(): void;
}

/**
 * Gives one step its deadline. When it passes, the node is told to stop
 * (`ctx.abortSignal`), its promise is abandoned and the step fails with
 * STEP_TIMEOUT (operational: retried with backoff, then failed).
 *
 * A node that hangs may still hold its database handle, and a late write
 * through it would land in a transaction that has moved on to other steps, or
 * in nobody's. So the handle is closed at the deadline: any query it starts
 * later fails. A query already running when the deadline passes keeps the
 * connection until it ends; the savepoint rollback that undoes the step waits
 * for it, and the session's `statement_timeout` bounds that wait (the query is
 * cancelled; the rollback then runs).
 */
export function startStepDeadline(parent: AbortSignal, timeoutMs: number, node: { readonly id: string; readonly type: string }): StepDeadline {
  const controller = new AbortController();
  // Shutdown aborts the step too. A listener removed at the end, rather than AbortSignal.any,
  // so the process-wide signal does not collect one entry per step ever run.
  const onShutdown = () => controller.abort(parent.reason);
  if (parent.aborted) onShutdown();
  else parent.addEventListener('abort', onShutdown, { once: true });
  let isOver = false;
  let expire: (error: SwitchboardError) => void = () => undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    expire = reject;
  });
  // Nobody may be racing when the timer fires (the node already returned, or the deadline passed during the context load).
  expired.catch(() => undefined);
  const timer = setTimeout(() => {
    const error = new SwitchboardError(
      'STEP_TIMEOUT',
      `Node "${node.id}" (${node.type}) did not finish within its deadline of ${timeoutMs} ms and was aborted. If it needs longer, raise "timeoutMs" on the node.`,
      { details: { timeoutMs } },
    );
    isOver = true;
    controller.abort(error);
    expire(error);
  }, timeoutMs);
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (isOver) {
        throw new SwitchboardError(
          'STEP_TIMEOUT',
          `Node "${node.id}" (${node.type}) used its database handle after its step ended (deadline ${timeoutMs} ms); the query was refused.`,
        );
      }
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return {
    signal: controller.signal,
    guard: (db) => db.withPlugin(plugin),
    race: (work) => Promise.race([Promise.resolve().then(work), expired]),
    end() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onShutdown);
      isOver = true;
    },
  };
}
