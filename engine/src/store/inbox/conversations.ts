import { sql, type Selectable, type SqlBool } from 'kysely';
import type { ConversationsTable, ConversationStatus, InboxDatabase, Priority } from './database.ts';
import { unlessUniqueViolation } from './unless-unique-violation.ts';

export interface Conversation {
  readonly id: string;
  /** The subject of the engine's runs about this conversation (`conversation:<id>`, see inbox/conversation-subject.ts). */
  readonly subject: string;
  readonly contactId: string;
  /** The channel replies go out on: where the contact last wrote. */
  readonly channel: string;
  readonly status: ConversationStatus;
  readonly assigneeId: string | null;
  readonly teamId: string | null;
  readonly lastAssigneeId: string | null;
  /** The flow step that made the current assignment; null when a person made it or nobody holds the conversation. */
  readonly assignedBy: AssignedBy | null;
  readonly botActive: boolean;
  readonly priority: Priority;
  readonly closingNote: string | null;
  readonly closingCategory: string | null;
  readonly isSpam: boolean;
  readonly awaitingReplyUntil: Date | null;
  readonly openedAt: Date;
  readonly firstResponseAt: Date | null;
  readonly closedAt: Date | null;
  readonly lastMessageAt: Date | null;
  readonly csatScore: number | null;
  readonly csatAgentId: string | null;
  readonly csatAt: Date | null;
  readonly tags: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A step of a run: the one whose explanation says why the conversation went to its assignee. */
export interface AssignedBy {
  readonly runId: string;
  readonly nodeId: string;
}

type ConversationRow = Selectable<ConversationsTable> & { tags: string[] | null };

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    subject: `conversation:${row.id}`,
    contactId: row.contact_id,
    channel: row.channel,
    status: row.status,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    lastAssigneeId: row.last_assignee_id,
    // A reason only while someone holds the conversation.
    assignedBy:
      row.assignee_id === null || row.assigned_by_run_id === null || row.assigned_by_node_id === null
        ? null
        : { runId: row.assigned_by_run_id, nodeId: row.assigned_by_node_id },
    botActive: row.bot_active,
    priority: row.priority,
    closingNote: row.closing_note,
    closingCategory: row.closing_category,
    isSpam: row.is_spam,
    awaitingReplyUntil: row.awaiting_reply_until,
    openedAt: row.opened_at,
    firstResponseAt: row.first_response_at,
    closedAt: row.closed_at,
    lastMessageAt: row.last_message_at,
    csatScore: row.csat_score,
    csatAgentId: row.csat_agent_id,
    csatAt: row.csat_at,
    tags: row.tags ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectConversations(db: InboxDatabase) {
  return db
    .selectFrom('conversations')
    .selectAll('conversations')
    .select(sql<string[] | null>`array(select tag from conversation_tags where conversation_tags.conversation_id = conversations.id order by tag)`.as('tags'));
}

/**
 * Opens a conversation for a contact unless one is open. Two messages at once
 * from one contact both try; the partial unique index (one open conversation
 * per contact) lets one insert and makes the other's `do nothing`, which then
 * reads the winner's row with findOpenConversation. Undefined means "lost".
 */
export async function insertOpenConversation(
  db: InboxDatabase,
  input: {
    readonly contactId: string;
    readonly channel: string;
    readonly lastAssigneeId: string | null;
    readonly now: Date;
    /** A test chat's conversation: marked, with its capacity rule, and the id to use (the test's first conversation has the test's id). */
    readonly test?: { readonly testId: string; readonly holdsCapacity: boolean; readonly conversationId?: string };
  },
): Promise<Conversation | undefined> {
  const { test } = input;
  const row = await db
    .insertInto('conversations')
    .values({
      ...(test === undefined
        ? {}
        : { test_id: test.testId, holds_capacity: test.holdsCapacity, ...(test.conversationId === undefined ? {} : { id: test.conversationId }) }),
      contact_id: input.contactId,
      channel: input.channel,
      status: 'open',
      last_assignee_id: input.lastAssigneeId,
      opened_at: input.now,
      last_message_at: input.now,
      created_at: input.now,
      updated_at: input.now,
    })
    // The index's predicate as a literal: Postgres infers the arbiter index from it, and in a
    // prepared statement (store/prepared-statements.ts) a parameter there does not prove it.
    .onConflict((oc) => oc.column('contact_id').where(sql<SqlBool>`status = 'open'`).doNothing())
    // A new conversation has no tags yet: its row is all there is to read.
    .returningAll()
    .returning(sql<string[]>`'{}'::text[]`.as('tags'))
    .executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

export async function findOpenConversation(db: InboxDatabase, contactId: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db).where('contact_id', '=', contactId).where('status', '=', 'open').executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

/** The contact's most recently opened conversation, open or closed. */
export async function findLatestConversation(db: InboxDatabase, contactId: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db).where('contact_id', '=', contactId).orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

export async function findConversation(db: InboxDatabase, id: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

/** Reads a conversation and locks its row until the caller commits. */
export async function lockConversation(db: InboxDatabase, id: string): Promise<Conversation | undefined> {
  const row = await selectConversations(db).where('id', '=', id).forUpdate().executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

export interface ConversationFilter {
  readonly status?: ConversationStatus;
  readonly assigneeId?: string;
  readonly unassigned?: boolean;
  readonly teamId?: string;
  readonly tag?: string;
  readonly contactId?: string;
  readonly limit: number;
  /** Keyset pagination, newest activity first: conversations strictly after this one. */
  readonly before?: { readonly lastMessageAt: Date; readonly id: string };
}

export async function listConversations(db: InboxDatabase, filter: ConversationFilter): Promise<Conversation[]> {
  // Test chats' conversations are in nobody's inbox (docs/ARCHITECTURE.md "Test chat").
  let query = selectConversations(db)
    .where('test_id', 'is', null)
    .orderBy(sql`coalesce(last_message_at, opened_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.unassigned === true) query = query.where('assignee_id', 'is', null);
  if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
  if (filter.contactId !== undefined) query = query.where('contact_id', '=', filter.contactId);
  if (filter.tag !== undefined) {
    const { tag } = filter;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversation_tags')
          .select('tag')
          .whereRef('conversation_tags.conversation_id', '=', 'conversations.id')
          .where('conversation_tags.tag', '=', tag),
      ),
    );
  }
  if (filter.before !== undefined) {
    const { lastMessageAt, id } = filter.before;
    query = query.where(sql<SqlBool>`(coalesce(last_message_at, opened_at), id) < (${lastMessageAt}, ${id}::uuid)`);
  }
  return (await query.execute()).map(toConversation);
}

/** Closes an open conversation; undefined when it was not open. The assignee stays, as the agent who handled it. */
export async function closeConversation(
  db: InboxDatabase,
  id: string,
  input: { readonly note: string | null; readonly category: string | null; readonly isSpam?: boolean; readonly now: Date },
): Promise<Conversation | undefined> {
  const row = await db
    .updateTable('conversations')
    .set({
      status: 'closed',
      closed_at: input.now,
      closing_note: input.note,
      closing_category: input.category,
      updated_at: input.now,
      ...(input.isSpam === undefined ? {} : { is_spam: input.isSpam }),
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return row === undefined ? undefined : findConversation(db, id);
}

/**
 * Reopens a closed conversation, unassigned (the caller re-claims the
 * assignee's capacity). The partial unique index refuses a second open
 * conversation for the contact: answered as 'already_open'.
 */
export async function reopenConversation(db: InboxDatabase, id: string, now: Date): Promise<'reopened' | 'already_open' | 'not_closed'> {
  return unlessUniqueViolation(
    db,
    async () => {
      const row = await db
        .updateTable('conversations')
        .set({
          status: 'open',
          assignee_id: null,
          assigned_by_run_id: null,
          assigned_by_node_id: null,
          closed_at: null,
          closing_note: null,
          closing_category: null,
          opened_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'closed')
        .returning('id')
        .executeTakeFirst();
      return row === undefined ? 'not_closed' : 'reopened';
    },
    'already_open',
  );
}

export interface ConversationChanges {
  readonly botActive?: boolean;
  readonly priority?: Priority;
  readonly teamId?: string | null;
  readonly isSpam?: boolean;
  /** Replies go out on the channel the contact last wrote on. */
  readonly channel?: string;
  readonly lastMessageAt?: Date;
  /** Null clears it: the question was answered or gave up. */
  readonly awaitingReplyUntil?: Date | null;
}

export async function updateConversation(db: InboxDatabase, id: string, changes: ConversationChanges, now: Date): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      updated_at: now,
      ...(changes.botActive === undefined ? {} : { bot_active: changes.botActive }),
      ...(changes.priority === undefined ? {} : { priority: changes.priority }),
      ...(changes.teamId === undefined ? {} : { team_id: changes.teamId }),
      ...(changes.isSpam === undefined ? {} : { is_spam: changes.isSpam }),
      ...(changes.channel === undefined ? {} : { channel: changes.channel }),
      ...(changes.lastMessageAt === undefined ? {} : { last_message_at: changes.lastMessageAt }),
      ...(changes.awaitingReplyUntil === undefined ? {} : { awaiting_reply_until: changes.awaitingReplyUntil }),
    })
    .where('id', '=', id)
    .execute();
}

/** Stores a CSAT score, attributed to the agent who handled the conversation. */
export async function recordCsat(
  db: InboxDatabase,
  id: string,
  input: { readonly score: number; readonly agentId: string | null; readonly now: Date },
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ csat_score: input.score, csat_agent_id: input.agentId, csat_at: input.now, updated_at: input.now })
    .where('id', '=', id)
    .execute();
}

/**
 * The name of each conversation's contact (else its phone, else its email), for run
 * subjects: one primary-key lookup per conversation and contact. Contacts with
 * none of them are left out.
 */
export async function findContactLabels(db: InboxDatabase, conversationIds: readonly string[]): Promise<Map<string, string>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select(['conversations.id as id', sql<string | null>`coalesce(contacts.name, contacts.phone, contacts.email)`.as('label')])
    .where('conversations.id', 'in', [...conversationIds])
    .execute();
  return new Map(rows.flatMap((row) => (row.label === null ? [] : [[row.id, row.label] as const])));
}

/** A test chat's conversations, oldest first. */
export async function listTestConversations(db: InboxDatabase, testId: string): Promise<Conversation[]> {
  return (await selectConversations(db).where('test_id', '=', testId).orderBy('opened_at').orderBy('id').execute()).map(toConversation);
}

/** Whether a conversation of this id exists (open or closed). */
export async function conversationExists(db: InboxDatabase, id: string): Promise<boolean> {
  return (await db.selectFrom('conversations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
