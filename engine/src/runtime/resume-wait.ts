import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { claimPendingWait, lockPendingWaitsBySignal } from '../store/waits.ts';
import { hasRunsInFlightForSubject } from '../store/runs.ts';
import { insertSignal, lockSignalKey } from '../store/signals.ts';
import { sendRunJob } from './queue.ts';
import type { Runtime } from './runtime.ts';

/**
 * Delivers a signal: every wait pending on `key` is claimed and its run gets a
 * job to resume with `data`. When no wait is pending yet the signal is kept, so
 * a wait recorded a moment later takes it (promise 5). It is kept only when the
 * subject has a run in flight that could still wait for it; otherwise nobody
 * ever could, and storing it would only grow the table.
 *
 * Takes no run or subject lock (waits are claimed by a conditional update), so
 * it is safe to call from inside any step's transaction without lock cycles.
 */
export async function deliverSignal(
  rt: Runtime,
  trx: Kysely<DB>,
  signal: { readonly key: string; readonly subject: string | null; readonly data: Readonly<Record<string, unknown>> },
): Promise<{ readonly resumed: number }> {
  const now = rt.clock();
  await lockSignalKey(trx, signal.key);
  const waits = await lockPendingWaitsBySignal(trx, signal.key);
  let resumed = 0;
  for (const wait of waits) {
    if ((await claimPendingWait(trx, wait.id, now)) === undefined) continue;
    await sendRunJob(rt.boss, trx, { runId: wait.runId, signalWaitId: wait.id, data: signal.data });
    resumed += 1;
  }
  if (resumed === 0 && (signal.subject === null || (await hasRunsInFlightForSubject(trx, signal.subject)))) {
    await insertSignal(trx, signal.key, signal.data, now, null);
  }
  return { resumed };
}
