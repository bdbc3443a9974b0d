import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../support/test-engine.ts';
import { listMessages } from '../../engine/src/store/inbox/messages.ts';
import { listConversations } from '../../engine/src/store/inbox/conversations.ts';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { loads, makeAgents, receive, waitForRuns } from './support/inbox-fixtures.ts';

describe('inbound messages', () => {
  let box: InboxEngine;

  beforeAll(async () => {
    box = await startInboxEngine();
  });
  afterAll(() => box?.close());

  it('opens one conversation, not two, when messages from one new contact arrive at once', async () => {
    const workflowId = await publish(box.engine, {
      name: 'Count openings',
      nodes: [
        { id: 'opened', type: 'inbox.conversation_opened', config: {} },
        { id: 'tag', type: 'inbox.update_tags', config: { target: 'conversation', add: ['counted'] } },
      ],
      edges: [{ from: 'opened', to: 'tag' }],
      settings: { reentry: 'parallel' },
    });
    const received = await Promise.all(Array.from({ length: 20 }, (_, index) => receive(box, 'twins', `message ${index}`)));
    const conversationIds = new Set(received.map((message) => message.conversation.id));
    expect(conversationIds.size).toBe(1);
    expect(new Set(received.map((message) => message.contactId)).size).toBe(1);
    expect(received.filter((message) => message.opened)).toHaveLength(1);
    const [conversationId] = conversationIds;
    const messages = await box.tx((db) => listMessages(db.withTables<InboxDB>(), conversationId ?? '', 100));
    expect(messages).toHaveLength(20);
    const runs = await waitForRuns(box, workflowId, 1);
    expect(runs).toHaveLength(1);
    await box.engine.stopWorkflow(workflowId);
  });

  it("opens a new conversation when a closed conversation's contact writes again, with the same assignee", async () => {
    const [agent] = await makeAgents(box, 1, { capacity: 2, status: 'offline' });
    const first = await receive(box, 'returning');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: first.conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: first.conversation.id, note: 'solved', category: 'resolved' }));
    const again = await receive(box, 'returning', 'one more thing');
    expect(again.opened).toBe(true);
    expect(again.conversation.id).not.toBe(first.conversation.id);
    expect(again.conversation).toMatchObject({ status: 'open', assigneeId: agent?.id, lastAssigneeId: agent?.id });
    const closed = await box.tx((db) => box.inbox.getConversation(db, first.conversation.id));
    expect(closed).toMatchObject({ status: 'closed', assigneeId: agent?.id, closingNote: 'solved', closingCategory: 'resolved' });
    expect((await loads(box)).agents.find((candidate) => candidate.id === agent?.id)?.openCount).toBe(1);
  });

  it('leaves the new conversation unassigned, remembering the agent, when the previous assignee has no room', async () => {
    const [agent] = await makeAgents(box, 1, { capacity: 1 });
    const first = await receive(box, 'returning-full');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: first.conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: first.conversation.id }));
    const other = await receive(box, 'someone-else');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: other.conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
    const again = await receive(box, 'returning-full');
    expect(again.conversation).toMatchObject({ status: 'open', assigneeId: null, lastAssigneeId: agent?.id });
    expect((await loads(box)).drift).toEqual([]);
  });

  it('stores a redelivered message once: the same idempotency key changes and emits nothing', async () => {
    const first = await receive(box, 'redelivery', 'hola', { idempotencyKey: 'wamid.1' });
    const again = await receive(box, 'redelivery', 'hola', { idempotencyKey: 'wamid.1' });
    expect(again).toMatchObject({ duplicate: true, opened: false });
    expect(again.message.id).toBe(first.message.id);
    const both = await Promise.all([
      receive(box, 'redelivery', 'x', { idempotencyKey: 'wamid.2' }),
      receive(box, 'redelivery', 'x', { idempotencyKey: 'wamid.2' }),
    ]);
    expect(both.filter((result) => result.duplicate)).toHaveLength(1);
    expect(await box.tx((db) => listMessages(db.withTables<InboxDB>(), first.conversation.id, 10))).toHaveLength(2);
  });

  it('keeps contact details the team entered, filling only the missing ones from the channel', async () => {
    const first = await receive(box, 'details', 'hi', { contact: { externalId: 'details' } });
    await box.tx((db) => box.inbox.updateContact(db, { contactId: first.contactId, name: 'Ana (VIP)' }));
    await receive(box, 'details', 'hi', { contact: { externalId: 'details', name: 'ana', phone: '+5215512345678' } });
    const conversations = await box.tx((db) => listConversations(db.withTables<InboxDB>(), { contactId: first.contactId, limit: 5 }));
    expect(conversations).toHaveLength(1);
    const contact = await box.tx((db) => box.inbox.updateContact(db, { contactId: first.contactId }));
    expect(contact).toMatchObject({ name: 'Ana (VIP)', phone: '+5215512345678', identities: [{ channel: 'test', externalId: 'details' }] });
  });

  it("fills in only the writing contact's details, never another contact's missing ones", async () => {
    const bystander = await receive(box, 'no-phone', 'hi', { contact: { externalId: 'no-phone' } });
    const writer = await receive(box, 'with-phone', 'hi', { contact: { externalId: 'with-phone' } });
    await receive(box, 'with-phone', 'my number', { contact: { externalId: 'with-phone', name: 'Luis', phone: '+5215500000000', email: 'luis@example.com' } });
    const details = async (contactId: string) => box.tx((db) => box.inbox.updateContact(db, { contactId }));
    expect(await details(writer.contactId)).toMatchObject({ name: 'Luis', phone: '+5215500000000', email: 'luis@example.com' });
    expect(await details(bystander.contactId)).toMatchObject({ name: null, phone: null, email: null });
  });
});
