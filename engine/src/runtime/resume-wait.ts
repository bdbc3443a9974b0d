import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { claimWaitsOrKeepSignal, lockSignalKey } from '../store/signals.ts';
import { sendRunJobs } from './queue.ts';
import type { Runtime } from './runtime.ts';
import { checkPayloadSize } from './check-payload-size.ts';

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
  { keyLocked = false }: { readonly keyLocked?: boolean } = {},
): Promise<{ readonly resumed: number }> {
  checkPayloadSize(signal.data, `The data of signal ${signal.key}`);
  // keyLocked: the caller's previous statement took the key's lock (emitEvent, with the event's insert).
  if (!keyLocked) await lockSignalKey(trx, signal.key);
  const claimed = await claimWaitsOrKeepSignal(trx, { ...signal, now: rt.clock() });
  await sendRunJobs(
    rt.boss,
    trx,
    claimed.map((wait) => ({ runId: wait.runId, signalWaitId: wait.waitId, data: signal.data })),
  );
  return { resumed: claimed.length };
}
