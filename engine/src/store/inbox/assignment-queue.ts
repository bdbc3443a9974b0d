/**
 * The assignment queue: conversations waiting for an agent because nobody was
 * eligible when `inbox.assign_to` ran. Durable (promise 5): an entry commits
 * with the step's wait and leaves with the assignment that ends it.
 */
import { sql, type SqlBool } from 'kysely';
import type { InboxDatabase } from './database.ts';
import type { AssignmentCriteria, AssignmentTarget } from './assignments.ts';

export interface QueuedConversation {
  readonly conversationId: string;
  readonly criteria: AssignmentCriteria;
  readonly runId: string | null;
  /** The step of that run that queued it. */
  readonly nodeId: string | null;
  /** The signal that wakes the waiting step once the conversation is assigned. */
  readonly signalKey: string;
  readonly enqueuedAt: Date;
  readonly expiresAt: Date;
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof selectQueue>['executeTakeFirstOrThrow']>>;

function selectQueue(db: InboxDatabase) {
  return db.selectFrom('assignment_queue').selectAll();
}

function toQueued(row: QueueRow): QueuedConversation {
  const target: AssignmentTarget =
    row.target_kind === 'workspace' || row.target_id === null ? { kind: 'workspace' } : { kind: row.target_kind, id: row.target_id };
  return {
    conversationId: row.conversation_id,
    criteria: { target, strategy: row.strategy, onlyOnline: row.only_online, capacityLimit: row.capacity_limit, sticky: row.sticky },
    runId: row.run_id,
    nodeId: row.node_id,
    signalKey: row.signal_key,
    enqueuedAt: row.enqueued_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Puts a conversation in the queue. A conversation waits once: a second step
 * queueing it replaces the criteria but keeps its place (the earliest
 * `enqueued_at`), and both steps' waits share the signal key.
 */
export async function enqueueConversation(db: InboxDatabase, entry: Omit<QueuedConversation, 'enqueuedAt'> & { readonly now: Date }): Promise<void> {
  const { criteria } = entry;
  const values = {
    conversation_id: entry.conversationId,
    target_kind: criteria.target.kind,
    target_id: criteria.target.kind === 'workspace' ? null : criteria.target.id,
    strategy: criteria.strategy,
    only_online: criteria.onlyOnline,
    capacity_limit: criteria.capacityLimit,
    sticky: criteria.sticky,
    run_id: entry.runId,
    node_id: entry.nodeId,
    signal_key: entry.signalKey,
    enqueued_at: entry.now,
    expires_at: entry.expiresAt,
  };
  const { conversation_id: _key, enqueued_at: _place, ...replaced } = values;
  await db
    .insertInto('assignment_queue')
    .values(values)
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet(replaced))
    .execute();
}

/** Takes a conversation out of the queue; returns the entry if it was there. Locked by the delete until commit. */
export async function dequeueConversation(db: InboxDatabase, conversationId: string): Promise<QueuedConversation | undefined> {
  const row = await db.deleteFrom('assignment_queue').where('conversation_id', '=', conversationId).returningAll().executeTakeFirst();
  return row === undefined ? undefined : toQueued(row);
}

export async function findQueuedConversation(db: InboxDatabase, conversationId: string): Promise<QueuedConversation | undefined> {
  const row = await selectQueue(db).where('conversation_id', '=', conversationId).executeTakeFirst();
  return row === undefined ? undefined : toQueued(row);
}

/**
 * The oldest live entry that some agent could take right now under the
 * entry's own criteria, skipping `after` entries already tried in this drain.
 * One query answers "is there anything to do", so a drain with nothing to
 * assign costs one statement however long the queue is.
 */
export async function findNextAssignable(
  db: InboxDatabase,
  now: Date,
  after?: { readonly enqueuedAt: Date; readonly conversationId: string },
): Promise<QueuedConversation | undefined> {
  let query = selectQueue(db)
    .where('assignment_queue.expires_at', '>', now)
    .where(sql<SqlBool>`exists (
      select 1 from agents
      where agents.open_count < least(agents.capacity, coalesce(assignment_queue.capacity_limit, agents.capacity))
        and (not assignment_queue.only_online or agents.status = 'online')
        and (assignment_queue.target_kind = 'workspace'
          or (assignment_queue.target_kind = 'agent' and agents.id = assignment_queue.target_id)
          or (assignment_queue.target_kind = 'team' and exists (
            select 1 from agent_teams where agent_teams.agent_id = agents.id and agent_teams.team_id = assignment_queue.target_id)))
    )`)
    .orderBy('enqueued_at')
    .orderBy('conversation_id')
    .limit(1);
  if (after !== undefined) query = query.where(sql<SqlBool>`(enqueued_at, conversation_id) > (${after.enqueuedAt}, ${after.conversationId}::uuid)`);
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toQueued(row);
}

/** Entries whose step gave up long ago (its run was cancelled, so no timeout removed them). */
export async function deleteExpiredQueueEntries(db: InboxDatabase, before: Date): Promise<number> {
  const result = await db.deleteFrom('assignment_queue').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countQueuedConversations(db: InboxDatabase): Promise<number> {
  const row = await db.selectFrom('assignment_queue').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listQueuedConversations(db: InboxDatabase, limit: number): Promise<QueuedConversation[]> {
  return (await selectQueue(db).orderBy('enqueued_at').orderBy('conversation_id').limit(limit).execute()).map(toQueued);
}
