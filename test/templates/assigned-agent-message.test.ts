/**
 * Template "assigned-agent-message": each time a conversation gets an
 * assignee, the contact is told who is attending them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, conversationOf, deliveredTo, expectDelivered, importAndPublish, messagesOf, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template assigned-agent-message', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  it('names the agent in Spanish on assignment and again on a transfer, in order', async () => {
    const ana = await addAgent(box, 'Ana López');
    const beto = await addAgent(box, 'Beto Ruiz');
    const workflowId = await importAndPublish(box, 'assigned-agent-message', 'es');

    const { conversation } = await write(box, { externalId: '+5215511110001', name: 'Lucía Hernández' }, 'Buenas tardes');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    await expectDelivered(box, '+5215511110001', ['Hola Lucía, te atiende Ana López.']);
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: beto.id, reason: 'manual' }));
    await expectDelivered(box, '+5215511110001', ['Hola Lucía, te atiende Ana López.', 'Hola Lucía, te atiende Beto Ruiz.']);

    await waitForRuns(box, workflowId, 2);
    const messages = await messagesOf(box, conversation.id);
    expect(messages.map((message) => [message.direction, message.senderType, message.text])).toEqual([
      ['in', 'contact', 'Buenas tardes'],
      ['out', 'automation', 'Hola Lucía, te atiende Ana López.'],
      ['out', 'automation', 'Hola Lucía, te atiende Beto Ruiz.'],
    ]);
    // Automation is not a human reply: first-response time waits for the agent's own.
    expect((await conversationOf(box, conversation.id)).firstResponseAt).toBeNull();
  });

  it('greets a contact without a name as "there" in English', async () => {
    const ana = await addAgent(box, 'Ana López');
    await importAndPublish(box, 'assigned-agent-message', 'en');
    const { conversation } = await write(box, { externalId: '+14155552001' }, 'hello?');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    await expectDelivered(box, '+14155552001', ['Hi there, you are talking to Ana López.']);
  });

  it('greets a nameless contact in Spanish without a stray space', async () => {
    const ana = await addAgent(box, 'Ana López');
    await importAndPublish(box, 'assigned-agent-message', 'es');
    const { conversation } = await write(box, { externalId: '+5215511110002' }, '¿hola?');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    await expectDelivered(box, '+5215511110002', ['Hola, te atiende Ana López.']);
  });

  it('names the agent of each assignment once, even when the next assignment lands before the message goes out', async () => {
    const ana = await addAgent(box, 'Ana López');
    const beto = await addAgent(box, 'Beto Ruiz');
    const workflowId = await importAndPublish(box, 'assigned-agent-message', 'en');
    const { conversation } = await write(box, { externalId: '+14155552002', name: 'Sam Lee' }, 'hi');
    // Both assignments commit before either message is written.
    await box.tx(async (db) => {
      await box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' });
      await box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: beto.id, reason: 'manual' });
    });
    await waitForRuns(box, workflowId, 2);
    // Runs of one conversation begin in the order they were started (promise 3), so the messages go out in order.
    await eventually(async () =>
      expect(deliveredTo(box, '+14155552002')).toEqual(['Hi Sam, you are talking to Ana López.', 'Hi Sam, you are talking to Beto Ruiz.']),
    );
  });
});
