/**
 * Template "csat-after-close": when a conversation closes, the contact is
 * asked for a 1-5 rating; a valid one is recorded for the agent who handled
 * the conversation and the contact is thanked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '@switchboard/engine/inbox';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { waitForRun } from '../support/test-engine.ts';
import { addAgent, conversationOf, deliveredTo, expectDelivered, importAndPublish, messagesOf, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template csat-after-close', () => {
  let box: TemplateInbox;
  let ana: Agent;

  beforeEach(async () => {
    box = await startTemplateInbox();
    ana = await addAgent(box, 'Ana López');
  });
  afterEach(() => box?.close());

  /** The contact writes, `agent` handles and closes the conversation; resolves once the survey waits for the answer. */
  async function handledAndClosed(workflowId: string, contact: { externalId: string; name: string }, agent: Agent) {
    const { conversation } = await write(box, contact, 'Hola, no me llega mi pedido');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent.id, reason: 'manual' }));
    await box.tx((db) =>
      box.inbox.sendMessage(db, { conversationId: conversation.id, text: 'Ya lo revisé: llega mañana.', sender: { type: 'agent', agentId: agent.id } }),
    );
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id, closedBy: agent.id, category: 'resuelta' }));
    const [run] = await box.engine.listRuns({ workflowId, subject: `conversation:${conversation.id}` });
    await waitForRun(box.engine, run?.id ?? '', ['waiting']);
    return { conversationId: conversation.id, runId: run?.id ?? '' };
  }

  const questionEs = '¿Cómo calificarías la atención de Ana López? Responde del 1 (mala) al 5 (excelente).';
  const agentReply = 'Ya lo revisé: llega mañana.';

  it('records the rating for the agent who handled the conversation and thanks the contact, in Spanish', async () => {
    const workflowId = await importAndPublish(box, 'csat-after-close', 'es');
    const marta = { externalId: '+5215577770001', name: 'Marta Gómez' };
    const { conversationId, runId } = await handledAndClosed(workflowId, marta, ana);
    await expectDelivered(box, marta.externalId, [agentReply, questionEs]);

    const reply = await write(box, marta, '5');
    expect(reply).toMatchObject({ opened: false, answersQuestion: true, conversation: { id: conversationId, status: 'closed' } });
    const { run } = await waitForRun(box.engine, runId);
    await expectDelivered(box, marta.externalId, [agentReply, questionEs, '¡Gracias por tu opinión!']);

    expect(await conversationOf(box, conversationId)).toMatchObject({
      status: 'closed',
      csatScore: 5,
      csatAgentId: ana.id,
      closingCategory: 'resuelta',
      awaitingReplyUntil: null,
    });
    expect(run.vars).toEqual({ csat: 5 });
    expect((await portsOfRun(box, runId)).slice(1)).toEqual([
      ['rate', 'answered'],
      ['thanks', 'next'],
    ]);
    expect((await messagesOf(box, conversationId)).map((message) => [message.direction, message.senderType, message.text])).toEqual([
      ['in', 'contact', 'Hola, no me llega mi pedido'],
      ['out', 'agent', agentReply],
      ['out', 'automation', questionEs],
      ['in', 'contact', '5'],
      ['out', 'automation', '¡Gracias por tu opinión!'],
    ]);
  });

  it('asks again after an answer that is not a rating, and credits the agent the conversation was transferred to', async () => {
    const beto = await addAgent(box, 'Beto Ruiz');
    const workflowId = await importAndPublish(box, 'csat-after-close', 'en', {
      thanksText: 'Thanks, {{ contact.firstName }}! Your {{ vars.csat }} goes to {{ assignee.name }}.',
    });
    const kim = { externalId: '+14155557001', name: 'Kim Park' };
    const { conversation } = await write(box, kim, 'My order is late');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: beto.id, reason: 'manual' }));
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id, closedBy: beto.id }));
    const question = 'How would you rate the help you got from Beto Ruiz? Answer from 1 (bad) to 5 (excellent).';
    await expectDelivered(box, kim.externalId, [question]);
    await waitForRuns(box, workflowId, 1, ['waiting']);

    await write(box, kim, 'It was great');
    await expectDelivered(box, kim.externalId, [question, 'Please answer with a number from 1 to 5.']);
    await write(box, kim, '⭐⭐⭐⭐');
    await expectDelivered(box, kim.externalId, [question, 'Please answer with a number from 1 to 5.', 'Thanks, Kim! Your 4 goes to Beto Ruiz.']);
    expect(await conversationOf(box, conversation.id)).toMatchObject({ csatScore: 4, csatAgentId: beto.id });
  });

  it('drops the survey without thanks after two answers that are not ratings, and the next message opens a new conversation', async () => {
    const workflowId = await importAndPublish(box, 'csat-after-close', 'es');
    const pablo = { externalId: '+5215577770002', name: 'Pablo Ruiz' };
    const { conversationId, runId } = await handledAndClosed(workflowId, pablo, ana);
    await write(box, pablo, 'excelente');
    await expectDelivered(box, pablo.externalId, [agentReply, questionEs, 'Por favor responde con un número del 1 al 5.']);
    await write(box, pablo, 'muy buena');
    await waitForRun(box.engine, runId);

    expect((await portsOfRun(box, runId)).slice(1)).toEqual([['rate', 'invalid']]);
    expect(await conversationOf(box, conversationId)).toMatchObject({ csatScore: null, awaitingReplyUntil: null });
    const later = await write(box, pablo, 'Tengo otra duda');
    expect(later).toMatchObject({ opened: true, answersQuestion: false });
    expect(deliveredTo(box, pablo.externalId)).toEqual([agentReply, questionEs, 'Por favor responde con un número del 1 al 5.']);
  });

  it('never surveys a contact whose conversation was closed as spam', async () => {
    const workflowId = await importAndPublish(box, 'csat-after-close', 'es');
    const spammer = { externalId: '+5215577770009', name: 'Gana Dinero Ya' };
    const { conversation } = await write(box, spammer, 'Haz clic aquí para ganar');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    // What POST /api/inbox/conversations/:id/spam does.
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id, isSpam: true, category: 'spam' }));
    // Runs start in the transaction that emits their event: none now means none ever.
    expect(await box.engine.listRuns({ workflowId })).toEqual([]);
    expect(await conversationOf(box, conversation.id)).toMatchObject({ status: 'closed', isSpam: true, awaitingReplyUntil: null });
    expect(deliveredTo(box, spammer.externalId)).toEqual([]);
  });

  it('drops the survey when no answer comes within the configured wait', async () => {
    const workflowId = await importAndPublish(box, 'csat-after-close', 'es', { waitMinutes: 60 });
    const elena = { externalId: '+5215577770003', name: 'Elena Mora' };
    // The conversation closed 61 minutes ago and Elena never answered: the hour is already up.
    box.clock.shift(-61 * 60_000);
    const { conversation } = await write(box, elena, 'Hola');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: ana.id, reason: 'manual' }));
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id, closedBy: ana.id }));
    const [run] = await waitForRuns(box, workflowId, 1, ['waiting', 'completed']);
    box.clock.shift(61 * 60_000);
    const { steps, waits } = await waitForRun(box.engine, run?.id ?? '');

    expect(steps.map((step) => [step.nodeId, step.port]).slice(1)).toEqual([['rate', 'timeout']]);
    expect(waits[0]?.resumeAt?.getTime()).toBe((steps[1]?.startedAt.getTime() ?? 0) + 60 * 60_000);
    expect(await conversationOf(box, conversation.id)).toMatchObject({ csatScore: null, awaitingReplyUntil: null });
    // The outbox delivers after the run's step commits, so the question may still be on its way.
    await expectDelivered(box, elena.externalId, [questionEs]);
    expect(await write(box, elena, '5')).toMatchObject({ opened: true, answersQuestion: false });
  });
});
