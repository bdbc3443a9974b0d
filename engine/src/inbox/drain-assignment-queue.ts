import type { NodeDatabase } from '@switchboard/engine/sdk';
import { deleteExpiredQueueEntries, dequeueConversation, findNextAssignable, findQueuedConversation } from '../store/inbox/assignment-queue.ts';
import { claimByCriteria } from './assign-by-rule.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';
import { requestDrain } from './request-drain.ts';

/** Entries one job tries before handing the rest to a fresh job, so one drain never holds a worker for long. */
const MAX_TRIES_PER_JOB = 200;
/** Entries of cancelled runs (nobody's timeout removed them) are deleted this long after they expired. */
const EXPIRED_RETENTION_MS = 3_600_000;

/**
 * The assignment queue's job handler: assigns queued conversations, oldest
 * first, for as long as some agent can take one. Each conversation is assigned
 * in its own transaction that takes the conversation's subject lock first, so
 * the assignment (and the signal that resumes the waiting step) is ordered
 * with the conversation's runs like any other change (promise 3), and under
 * the entry's own criteria (target, strategy, online, limit, sticky).
 *
 * Safe to run twice or concurrently: an entry is claimed under its subject
 * lock and leaves the queue with its assignment.
 */
export async function drainAssignmentQueue(rt: InboxRuntime): Promise<{ readonly assigned: number }> {
  const engine = rt.engine();
  await engine.transaction((db) => deleteExpiredQueueEntries(inboxTables(db), new Date(rt.clock().getTime() - EXPIRED_RETENTION_MS)));
  let assigned = 0;
  // Entries tried and not assignable in this pass (a concurrent drain or step took the agent); skipped from here on.
  let after: { readonly enqueuedAt: Date; readonly conversationId: string } | undefined;
  for (let tries = 0; tries < MAX_TRIES_PER_JOB; tries += 1) {
    const next = await engine.transaction((db) => findNextAssignable(inboxTables(db), rt.clock(), after));
    if (next === undefined) return { assigned };
    const isAssigned = await engine.transaction((db) => assignQueued(rt, db, next.conversationId));
    if (isAssigned) assigned += 1;
    else after = { enqueuedAt: next.enqueuedAt, conversationId: next.conversationId };
  }
  await engine.transaction((db) => requestDrain(rt, db));
  return { assigned };
}

/** Tries to assign one queued conversation under its entry's criteria; false when it no longer can (or need) be. */
async function assignQueued(rt: InboxRuntime, db: NodeDatabase, conversationId: string): Promise<boolean> {
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, conversationId);
  const entry = await findQueuedConversation(tables, conversationId);
  if (entry === undefined || entry.expiresAt <= now) return false;
  if (conversation.status !== 'open' || conversation.assigneeId !== null) {
    // Closing and assigning remove the entry themselves; this only mops up after a defect.
    await dequeueConversation(tables, conversationId);
    return false;
  }
  // Assigned on behalf of the step that queued it: that step's explanation says why.
  const by = entry.runId === null || entry.nodeId === null ? undefined : { runId: entry.runId, nodeId: entry.nodeId };
  const pick = await claimByCriteria(db, conversation, entry.criteria, now, by);
  if (pick.agent === undefined) return false;
  await finishAssignment(rt, db, { conversation, agent: pick.agent, previousAgentId: null, reason: 'queue', explanation: pick.explanation });
  return true;
}
