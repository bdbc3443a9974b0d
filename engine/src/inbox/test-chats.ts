import type { Run, Test } from '@switchboard/engine';
import { type Issue, type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { changeContactTags, findTestContactId, insertTestContact, updateContact as updateContactRow } from '../store/inbox/contacts.ts';
import { listTestConversations } from '../store/inbox/conversations.ts';
import { listMessages, type Message } from '../store/inbox/messages.ts';
import { TEST_CHAT_CHANNEL } from './channels/test-chat-channel.ts';
import { conversationSubject } from './conversation-subject.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { receiveMessage } from './receive-message.ts';
import { checkContactFields } from './update-contact.ts';

/**
 * Test chats (docs/ARCHITECTURE.md "Test chat"): a person plays a customer against a draft.
 * The test's pretend customer is a contact on the test chat channel, known there by the test's
 * id; what they write goes through `receiveMessage` like any channel's message, and the events
 * it emits start the test's pinned version only (the engine's test subjects).
 */

/** A test chat as the API answers it. */
export interface TestChat {
  readonly id: string;
  readonly workflowId: string;
  /** The pinned test version (below zero: never a published one). */
  readonly version: number;
  /** The test's first conversation: it opens with the customer's first message, under this id. */
  readonly conversationId: string;
  readonly contactId: string;
  /** The pretend time as set (ISO 8601); null: the real time. */
  readonly clock: string | null;
  readonly assignForReal: boolean;
  readonly createdAt: Date;
}

/** A message of the test's conversations, as the customer sees it. */
export interface TestMessage {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly sentAt: Date;
  /** Sent by a flow (or the bot), not by an agent. */
  readonly byAutomation: boolean;
}

export interface TestChatInput {
  readonly contact: { readonly name: string; readonly tags?: readonly string[]; readonly fields?: Readonly<Record<string, string>> };
  readonly clock?: string | null;
  readonly assignForReal?: boolean;
}

/** Starts a test chat of a workflow's draft with its pretend customer; 422 with the draft's issues when it would not publish. */
export async function startTestChat(rt: InboxRuntime, db: NodeDatabase, workflowId: string, input: TestChatInput): Promise<TestChat> {
  const tables = inboxTables(db);
  const fields = await withPathPrefix('/contact', () => checkContactFields(tables, input.contact.fields ?? {}));
  const test = await rt.engine().createTestInTransaction(db, workflowId, { clock: parseClock(input.clock), assignForReal: input.assignForReal ?? false });
  const now = rt.clock();
  const contactId = await insertTestContact(tables, { testId: test.id, channel: TEST_CHAT_CHANNEL, name: input.contact.name, now });
  if (Object.keys(fields).length > 0) await updateContactRow(tables, contactId, { fields }, now);
  const tags = [...new Set(input.contact.tags ?? [])];
  if (tags.length > 0) await changeContactTags(tables, contactId, { add: tags, remove: [], now });
  return testChat(test, contactId);
}

/** The pretend customer writes: the real receive path, on the test chat channel. */
export async function sendTestMessage(rt: InboxRuntime, db: NodeDatabase, testId: string, text: string): Promise<TestMessage> {
  await rt.engine().getTest(testId);
  const received = await receiveMessage(rt, db, { channel: TEST_CHAT_CHANNEL, contact: { externalId: testId }, text });
  return testMessage(received.message);
}

/** The most messages a test chat answers, per conversation. */
const MAX_TEST_MESSAGES = 500;

/** A test chat with what the customer saw, oldest first, and the runs it started, newest first. */
export async function readTestChat(
  rt: InboxRuntime,
  db: NodeDatabase,
  testId: string,
): Promise<{ readonly test: TestChat; readonly messages: readonly TestMessage[]; readonly runs: readonly Run[] }> {
  const engine = rt.engine();
  const test = await engine.getTest(testId);
  const tables = inboxTables(db);
  const contactId = await findTestContactId(tables, test.id);
  if (contactId === undefined) throw testNotFound(testId);
  // Runs first: each statement reads what had committed when it began, so the messages read
  // after them include everything a run shown as finished sent (read the other way round, a
  // run could finish between the two reads and show as completed beside none of its messages).
  const runs = await engine.listRuns({ testId: test.id, limit: 500 });
  const messages: TestMessage[] = [];
  for (const conversation of await listTestConversations(tables, test.id)) {
    // Internal notes are the team's: the customer never sees them.
    for (const message of await listMessages(tables, conversation.id, MAX_TEST_MESSAGES)) if (!message.isInternalNote) messages.push(testMessage(message));
  }
  return { test: testChat(test, contactId), messages, runs };
}

/** "Pretend the time is": the test's runs, those in flight too, take it on from now. */
export async function setTestChatClock(rt: InboxRuntime, db: NodeDatabase, testId: string, clock: string | null): Promise<TestChat> {
  const test = await rt.engine().setTestClockInTransaction(db, testId, parseClock(clock));
  const contactId = await findTestContactId(inboxTables(db), test.id);
  if (contactId === undefined) throw testNotFound(testId);
  return testChat(test, contactId);
}

/**
 * Cleans a test chat up: its runs, contact, conversations and messages, and its pinned version.
 * Capacity an open assigned conversation held (assignForReal) is given back as the row goes
 * (inbox migration 0004's trigger).
 */
export async function endTestChat(rt: InboxRuntime, db: NodeDatabase, testId: string): Promise<void> {
  const engine = rt.engine();
  const test = await engine.getTest(testId);
  // Work on the conversations waits for this (promise 3); a step in flight finds its run gone.
  for (const conversation of await listTestConversations(inboxTables(db), test.id))
    await engine.lockSubjectInTransaction(db, conversationSubject(conversation.id));
  await engine.deleteTestInTransaction(db, test.id);
}

function testChat(test: Test, contactId: string): TestChat {
  return {
    id: test.id,
    workflowId: test.workflowId,
    version: test.version,
    conversationId: test.id,
    contactId,
    clock: test.clock?.toISOString() ?? null,
    assignForReal: test.assignForReal,
    createdAt: test.createdAt,
  };
}

function testMessage(message: Message): TestMessage {
  return {
    id: message.id,
    direction: message.direction === 'in' ? 'inbound' : 'outbound',
    text: message.text,
    sentAt: message.createdAt,
    byAutomation: message.senderType === 'automation' || message.senderType === 'bot',
  };
}

function parseClock(clock: string | null | undefined): Date | null {
  if (clock === undefined || clock === null) return null;
  const at = new Date(clock);
  if (Number.isNaN(at.getTime())) {
    const message = `"${clock}" is not a date and time; send ISO 8601 with its offset, e.g. 2026-12-06T23:00:00-06:00.`;
    throw new SwitchboardError('REQUEST_INVALID', message, { issues: [{ path: '/clock', code: 'REQUEST_INVALID', message }] });
  }
  return at;
}

function testNotFound(testId: string): SwitchboardError {
  return new SwitchboardError('TEST_NOT_FOUND', `Test ${testId} does not exist; tests are cleaned up a day after they start.`);
}

/** Runs a check whose issues point into a part of the body, and points them from the body's root. */
async function withPathPrefix<T>(prefix: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof SwitchboardError) || error.issues === undefined) throw error;
    const issues: Issue[] = error.issues.map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }));
    const [first] = issues;
    throw new SwitchboardError(error.code, error.message, { issues, ...(first === undefined ? {} : { path: first.path }), cause: error });
  }
}
