import type { NodeDatabase } from '@switchboard/engine/sdk';
import { ASSIGNMENT_QUEUE, type InboxRuntime } from './inbox-runtime.ts';

/**
 * Asks for a drain of the assignment queue once the caller commits: a job on
 * the inbox's assignment queue, sent in the caller's transaction. Every change
 * that may make an agent eligible (capacity freed, an agent online, a bigger
 * capacity, a new team member) calls this, and so does every step that queues a
 * conversation.
 *
 * Why a job rather than draining in the same transaction: the caller holds its
 * conversation's subject lock and an agent row, and a drain must take other
 * conversations' subject locks first (the inbox's lock order), so draining
 * inline could deadlock; the job also lets the request return at once. Why the
 * queueing step asks too: a drain job only sees what committed before it ran,
 * so capacity freed while a step was still deciding to queue would otherwise
 * be missed (a lost wake-up); whichever of the two commits last, its job
 * finds both. Sent in the transaction, the job is as durable as the change.
 */
export async function requestDrain(rt: InboxRuntime, db: NodeDatabase): Promise<void> {
  await rt.engine().enqueue(db, ASSIGNMENT_QUEUE, {});
}
