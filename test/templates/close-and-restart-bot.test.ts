/**
 * Template "close-and-restart-bot": a shortcut an agent runs when done; it
 * closes the conversation with a note and a category and turns the bot back on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRun } from '../support/test-engine.ts';
import { addAgent, conversationOf, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template close-and-restart-bot', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  it('closes a taken-over conversation with the agent in the note and the category, frees the agent and resumes the bot', async () => {
    const ana = await addAgent(box, 'Ana López', { capacity: 1 });
    const workflowId = await importAndPublish(box, 'close-and-restart-bot', 'es');
    const contact = { externalId: '+5215588880001', name: 'Lucía' };
    const { conversation } = await write(box, contact, 'Necesito hablar con una persona');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'take_over' }));
    expect(await conversationOf(box, conversation.id)).toMatchObject({ botActive: false, assigneeId: ana.id });

    const { runIds } = await box.tx((db) => box.inbox.runShortcut(db, { conversationId: conversation.id, workflowId, agentId: ana.id }));
    const { run } = await waitForRun(box.engine, runIds[0] ?? '');
    expect(await portsOfRun(box, run.id)).toEqual([
      ['shortcut', 'next'],
      ['close', 'next'],
      ['bot_on', 'next'],
    ]);
    expect(run.outputs).toMatchObject({ close: { closed: true }, bot_on: { botActive: true } });
    expect(await conversationOf(box, conversation.id)).toMatchObject({
      status: 'closed',
      closingNote: 'Cerrada por Ana López.',
      closingCategory: 'resuelta',
      botActive: true,
      assigneeId: ana.id,
    });
    expect((await box.tx((db) => box.inbox.findAgent(db, ana.id)))?.openCount).toBe(0);
    expect(box.channel.deliveries).toEqual([]);
    // Reopened later, the conversation has the bot on for the contact's next message.
    await box.tx((db) => box.inbox.reopenConversation(db, { conversationId: conversation.id }));
    const next = await write(box, contact, 'Una cosa más');
    expect(next).toMatchObject({ opened: false, conversation: { id: conversation.id, status: 'open', botActive: true } });
  });

  it('uses the note and category given on import, in English, and does nothing more on a closed conversation', async () => {
    const ana = await addAgent(box, 'Ana López');
    const workflowId = await importAndPublish(box, 'close-and-restart-bot', 'en', {
      closingNote: 'Solved on first contact by {{ assignee.name }}',
      category: 'first_contact',
    });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Close conversation and turn the bot back on');
    const { conversation } = await write(box, { externalId: '+14155558001', name: 'Kim Park' }, 'Where is my order?');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    const first = await box.tx((db) => box.inbox.runShortcut(db, { conversationId: conversation.id, workflowId }));
    await waitForRun(box.engine, first.runIds[0] ?? '');
    expect(await conversationOf(box, conversation.id)).toMatchObject({
      status: 'closed',
      closingNote: 'Solved on first contact by Ana López',
      closingCategory: 'first_contact',
    });

    const again = await box.tx((db) => box.inbox.runShortcut(db, { conversationId: conversation.id, workflowId }));
    const { run } = await waitForRun(box.engine, again.runIds[0] ?? '');
    expect(run.outputs).toMatchObject({ close: { closed: false } });
    expect((await conversationOf(box, conversation.id)).closingNote).toBe('Solved on first contact by Ana López');
  });
});
