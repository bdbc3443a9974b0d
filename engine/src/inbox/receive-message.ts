import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import type { Attachment } from '../store/inbox/database.ts';
import { type ContactIdentity, fillContactDetails, findContactIdByIdentity, findContactTestId, insertContact } from '../store/inbox/contacts.ts';
import {
  type Conversation,
  conversationExists,
  findConversation,
  findLatestConversation,
  findOpenConversation,
  insertOpenConversation,
  lockConversation,
  updateConversation,
} from '../store/inbox/conversations.ts';
import { findInboundMessageAndContact, insertMessage, type Message } from '../store/inbox/messages.ts';
import { claimConversationForAgent } from '../store/inbox/assignments.ts';
import { conversationSubject, replySignalKey } from './conversation-subject.ts';
import { emitInboxEvent } from './inbox-events.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import { TEST_CHAT_CHANNEL } from './channels/test-chat-channel.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/** A message from a contact, as a channel hands it over (`POST /api/inbox/messages`). */
export interface InboundMessage {
  readonly channel: string;
  readonly contact: { readonly externalId: string; readonly name?: string; readonly phone?: string; readonly email?: string };
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  /** The channel's message id: a redelivery with the same key stores nothing new and emits nothing. */
  readonly idempotencyKey?: string;
}

export interface ReceivedMessage {
  readonly message: Message;
  readonly conversation: Conversation;
  readonly contactId: string;
  /** A new conversation was opened for this message. */
  readonly opened: boolean;
  /** The message was a redelivery; nothing happened. */
  readonly duplicate: boolean;
  /** The message answered a question still waiting on the contact's closed conversation (a CSAT survey). */
  readonly answersQuestion: boolean;
}

/** A conversation to open or resolve was closed or opened by someone else between our read and our lock. */
const MAX_RESOLVE_ATTEMPTS = 5;

/**
 * Receives a contact's message: finds or creates the contact by channel
 * identity, finds the open conversation or opens one, stores the message and
 * emits `inbox.conversation_opened` (when new) and `inbox.message_received`,
 * all in the caller's transaction.
 *
 * Rules:
 * - A contact has at most one open conversation; a closed conversation's
 *   contact writing again opens a new one, which stays with the previous
 *   assignee (if that agent has room) unless a flow changes it.
 * - Except while a question asked on the contact's latest, closed
 *   conversation (a CSAT survey after closing) still waits for an answer: then
 *   the reply goes to that conversation and its question, opens nothing, and
 *   starts no `message_received` flows (they would route a closed conversation).
 */
export async function receiveMessage(rt: InboxRuntime, db: NodeDatabase, input: InboundMessage): Promise<ReceivedMessage> {
  if (!rt.channels.has(input.channel)) {
    const known = [...rt.channels.keys()].map((name) => `"${name}"`).join(', ');
    throw new SwitchboardError('INBOX_CHANNEL_UNKNOWN', `Channel "${input.channel}" has no adapter; configured channels: ${known === '' ? 'none' : known}.`, {
      issues: [{ path: '/channel', code: 'INBOX_CHANNEL_UNKNOWN', message: `Channel "${input.channel}" has no adapter.` }],
    });
  }
  const tables = inboxTables(db);
  const now = rt.clock();
  const idempotencyKey = input.idempotencyKey === undefined ? null : `in:${input.channel}:${input.idempotencyKey}`;
  const identity = { channel: input.channel, externalId: input.contact.externalId };
  const { first, contactId: known } = await findInboundMessageAndContact(tables, { idempotencyKey, identity });
  if (first !== undefined) return duplicateOf(db, first);
  const contact = known !== undefined ? { id: known, created: false } : await createContact(tables, identity, input.contact, now);
  const contactId = contact.id;
  // Only the test chat channel has test contacts: real channels pay no extra query.
  const testId = input.channel === TEST_CHAT_CHANNEL ? await findContactTestId(tables, contactId) : null;
  const target = await resolveConversation(rt, db, { contactId, newContact: contact.created }, input.channel, now, testId);
  const { conversation } = target;
  // A contact made from this message already has its details.
  if (!contact.created) await fillContactDetails(tables, contactId, input.contact, now);
  const stored = await insertMessage(tables, {
    conversationId: conversation.id,
    direction: 'in',
    senderType: 'contact',
    senderAgentId: null,
    text: input.text,
    attachments: input.attachments ?? [],
    isInternalNote: false,
    deliveryStatus: 'not_applicable',
    idempotencyKey,
    now,
  });
  // A concurrent redelivery of the same message won the insert; it does the rest.
  if (stored.duplicate) return duplicateOf(db, stored.message);
  const { message } = stored;
  // A conversation opened for this message was stored with its channel and last message time.
  if (!target.opened)
    await updateConversation(tables, conversation.id, { lastMessageAt: now, ...(target.answersQuestion ? {} : { channel: input.channel }) }, now);

  if (target.opened) {
    await emitInboxEvent(rt, db, 'inbox.conversation_opened', conversation.id, {
      conversationId: conversation.id,
      contactId,
      channel: input.channel,
      assigneeId: target.inherited?.id ?? null,
      reopened: false,
    });
    if (target.inherited !== undefined) await finishAssignment(rt, db, { conversation, agent: target.inherited, previousAgentId: null, reason: 'inherited' });
  }
  if (!target.answersQuestion) {
    await emitInboxEvent(rt, db, 'inbox.message_received', conversation.id, {
      conversationId: conversation.id,
      contactId,
      messageId: message.id,
      channel: input.channel,
      text: message.text,
      attachments: message.attachments,
    });
  }
  // Only a waiting question listens for replies; without one, a signal would only be stored for nobody.
  if (conversation.awaitingReplyUntil !== null && conversation.awaitingReplyUntil > now) {
    await rt.engine().signalInTransaction(db, replySignalKey(conversation.id), conversationSubject(conversation.id), {
      messageId: message.id,
      text: message.text,
      attachments: message.attachments,
    });
  }
  return {
    message,
    // As it is after everything above: an inherited assignment, the message's time.
    conversation: target.opened && target.inherited === undefined ? conversation : ((await findConversation(tables, conversation.id)) ?? conversation),
    contactId,
    opened: target.opened,
    duplicate: false,
    answersQuestion: target.answersQuestion,
  };
}

/**
 * The contact of an identity no contact had when the message was read. `created`: the contact is
 * new in this transaction, so no other transaction can see it or has a conversation of it.
 */
async function createContact(
  tables: ReturnType<typeof inboxTables>,
  identity: ContactIdentity,
  details: InboundMessage['contact'],
  now: Date,
): Promise<{ readonly id: string; readonly created: boolean }> {
  for (let attempt = 1; attempt <= MAX_RESOLVE_ATTEMPTS; attempt += 1) {
    const id = await insertContact(tables, { identity, name: details.name ?? null, phone: details.phone ?? null, email: details.email ?? null, now });
    if (id !== undefined) return { id, created: true };
    // A first message of the same contact, received at the same time, created it.
    const found = await findContactIdByIdentity(tables, identity);
    if (found !== undefined) return { id: found, created: false };
    // Deleted again between the two statements: try the insert again.
  }
  throw new SwitchboardError(
    'INTERNAL',
    `Contact ${identity.channel}:${identity.externalId} kept changing while a message was being stored; the channel should retry it.`,
  );
}

interface ResolvedConversation {
  readonly conversation: Conversation;
  readonly opened: boolean;
  readonly answersQuestion: boolean;
  /** The previous assignee the new conversation stays with. */
  readonly inherited?: Awaited<ReturnType<typeof claimConversationForAgent>>;
}

/**
 * Finds the conversation a message belongs to and takes its subject lock
 * (then re-reads it under the lock: it may have closed meanwhile). Opening
 * races are settled by the partial unique index: of two inserts for one
 * contact, one opens the conversation and the other finds it on its next pass.
 */
async function resolveConversation(
  rt: InboxRuntime,
  db: NodeDatabase,
  { contactId, newContact }: { readonly contactId: string; readonly newContact: boolean },
  channel: string,
  now: Date,
  testId: string | null,
): Promise<ResolvedConversation> {
  const tables = inboxTables(db);
  const engine = rt.engine();
  for (let attempt = 1; attempt <= MAX_RESOLVE_ATTEMPTS; attempt += 1) {
    // A contact made in this transaction has no conversation to find, nor can another transaction open one for it.
    if (newContact && attempt === 1) {
      const opened = await openConversation(rt, db, { contactId, previousAgentId: null }, channel, now, testId);
      if (opened !== undefined) return opened;
    }
    const open = await findOpenConversation(tables, contactId);
    if (open !== undefined) {
      await engine.lockSubjectInTransaction(db, conversationSubject(open.id));
      const locked = await lockConversation(tables, open.id);
      if (locked?.status === 'open') return { conversation: locked, opened: false, answersQuestion: false };
      continue;
    }
    const latest = await findLatestConversation(tables, contactId);
    if (latest !== undefined && isAwaitingReply(latest, now)) {
      await engine.lockSubjectInTransaction(db, conversationSubject(latest.id));
      const locked = await lockConversation(tables, latest.id);
      if (locked !== undefined && locked.status === 'closed' && isAwaitingReply(locked, now) && (await findOpenConversation(tables, contactId)) === undefined) {
        return { conversation: locked, opened: false, answersQuestion: true };
      }
      continue;
    }
    const opened = await openConversation(rt, db, { contactId, previousAgentId: latest?.lastAssigneeId ?? null }, channel, now, testId);
    if (opened !== undefined) return opened;
  }
  throw new SwitchboardError('INTERNAL', `Contact ${contactId}'s conversations kept changing while a message was being stored; the channel should retry it.`);
}

/** Opens the contact's conversation, or undefined when another transaction opened one first. */
async function openConversation(
  rt: InboxRuntime,
  db: NodeDatabase,
  { contactId, previousAgentId }: { readonly contactId: string; readonly previousAgentId: string | null },
  channel: string,
  now: Date,
  testId: string | null,
): Promise<ResolvedConversation | undefined> {
  const tables = inboxTables(db);
  const engine = rt.engine();
  const test = testId === null ? undefined : await testConversation(rt, db, testId);
  const created = await insertOpenConversation(tables, { contactId, channel, lastAssigneeId: previousAgentId, now, ...(test === undefined ? {} : { test }) });
  if (created === undefined) return undefined;
  // Before any event: the test's version, and only it, runs for this conversation (docs/ARCHITECTURE.md "Test chat").
  if (testId !== null) await engine.bindTestSubjectInTransaction(db, testId, conversationSubject(created.id));
  // Nobody else can hold a brand-new conversation's lock; taking it keeps the lock order for what follows.
  await engine.lockSubjectInTransaction(db, conversationSubject(created.id));
  // "Stays with the same assignee": only while that agent has room (promise 4), whatever its status.
  if (previousAgentId === null) return { conversation: created, opened: true, answersQuestion: false };
  const inherited = await claimConversationForAgent(tables, {
    conversationId: created.id,
    agentId: previousAgentId,
    capacityLimit: null,
    onlyOnline: false,
    now,
  });
  // The row as the claim left it; this transaction inserted it, so it holds its lock already.
  const conversation = (await findConversation(tables, created.id)) ?? created;
  return { conversation, opened: true, answersQuestion: false, ...(inherited === undefined ? {} : { inherited }) };
}

/**
 * How a test chat's new conversation is stored: its first has the test's id (so the test knows
 * it from the start, `GET /api/tests/:id`), and it holds a real agent's capacity only when the
 * test assigns for real.
 */
async function testConversation(rt: InboxRuntime, db: NodeDatabase, testId: string) {
  const test = await rt.engine().getTest(testId);
  const isFirst = !(await conversationExists(inboxTables(db), testId));
  return { testId, holdsCapacity: test.assignForReal, ...(isFirst ? { conversationId: testId } : {}) };
}

function isAwaitingReply(conversation: Conversation, now: Date): boolean {
  return conversation.status === 'closed' && conversation.awaitingReplyUntil !== null && conversation.awaitingReplyUntil > now;
}

async function duplicateOf(db: NodeDatabase, message: Message): Promise<ReceivedMessage> {
  const conversation = await findConversation(inboxTables(db), message.conversationId);
  if (conversation === undefined) throw new SwitchboardError('INTERNAL', `Message ${message.id} has no conversation.`);
  return { message, conversation, contactId: conversation.contactId, opened: false, duplicate: true, answersQuestion: false };
}
