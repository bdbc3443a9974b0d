/**
 * Template "agents-at-capacity": a new conversation is assigned at once when
 * someone has room; otherwise the contact is told everyone is busy and the
 * conversation waits in the queue for the first agent who frees up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, addTeam, conversationOf, deliveredTo, expectDelivered, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

const busyEs = 'Todos nuestros agentes están ocupados en este momento. Estás en la cola y el próximo agente libre te responderá.';

describe('template agents-at-capacity', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  it('assigns while there is room, tells the next contact they are queued, and assigns them when an agent frees up', async () => {
    const ana = await addAgent(box, 'Ana López', { capacity: 1 });
    const beto = await addAgent(box, 'Beto Ruiz', { capacity: 1 });
    const team = await addTeam(box, 'Soporte', [ana, beto]);
    const workflowId = await importAndPublish(box, 'agents-at-capacity', 'es', { team: team.id, queueSeconds: 600 });

    const first = await write(box, { externalId: '+5215533330001', name: 'María' }, 'Hola');
    const second = await write(box, { externalId: '+5215533330002', name: 'Jorge' }, 'Buenas');
    const [firstRun, secondRun] = await waitForRuns(box, workflowId, 2);
    const third = await write(box, { externalId: '+5215533330003', name: 'Rosa' }, '¿Hay alguien?');
    const waiting = (await waitForRuns(box, workflowId, 1, ['waiting'])).find((run) => run.status === 'waiting');

    await expectDelivered(box, '+5215533330003', [busyEs]);
    expect(await conversationOf(box, third.conversation.id)).toMatchObject({ assigneeId: null, status: 'open' });
    expect(new Set([(await conversationOf(box, first.conversation.id)).assigneeId, (await conversationOf(box, second.conversation.id)).assigneeId])).toEqual(
      new Set([ana.id, beto.id]),
    );
    for (const run of [firstRun, secondRun])
      expect(await portsOfRun(box, run?.id ?? '')).toEqual([
        ['opened', 'next'],
        ['try_now', 'assigned'],
      ]);

    // Beto closes his conversation: his place goes to Rosa, who is not told anything more.
    const betoConversation = (await conversationOf(box, first.conversation.id)).assigneeId === beto.id ? first : second;
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: betoConversation.conversation.id, closedBy: beto.id }));
    await waitForRuns(box, workflowId, 3);
    expect(await conversationOf(box, third.conversation.id)).toMatchObject({ assigneeId: beto.id, teamId: team.id });
    expect(await portsOfRun(box, waiting?.id ?? '')).toEqual([
      ['opened', 'next'],
      ['try_now', 'timeout'],
      ['tell_busy', 'next'],
      ['queue', 'assigned'],
    ]);
    // The outbox delivers after the step that wrote the message commits: wait for the one expected,
    // then the others, written in no step, have had the same time to arrive.
    await expectDelivered(box, '+5215533330003', [busyEs]);
    expect(deliveredTo(box, '+5215533330001')).toEqual([]);
    expect(deliveredTo(box, '+5215533330002')).toEqual([]);
  });

  it('tells the contact when every agent is offline and gives up after the time in the queue, in English with its own text', async () => {
    await addAgent(box, 'Olga Vera', { status: 'offline' });
    const busyText = 'We are all busy, {{ contact.firstName }}. Hang on!';
    const workflowId = await importAndPublish(box, 'agents-at-capacity', 'en', { busyText, queueSeconds: 1 });
    const { conversation } = await write(box, { externalId: '+14155553001', name: 'Jamie Fox' }, 'Anybody?');
    const [run] = await waitForRuns(box, workflowId, 1, ['completed'], 10_000);
    await expectDelivered(box, '+14155553001', ['We are all busy, Jamie. Hang on!']);
    expect(await portsOfRun(box, run?.id ?? '')).toEqual([
      ['opened', 'next'],
      ['try_now', 'timeout'],
      ['tell_busy', 'next'],
      ['queue', 'timeout'],
    ]);
    expect(await conversationOf(box, conversation.id)).toMatchObject({ assigneeId: null, status: 'open' });
  });

  it('takes an agent coming online as room in the queue, across the whole workspace by default', async () => {
    const olga = await addAgent(box, 'Olga Vera', { status: 'offline' });
    const workflowId = await importAndPublish(box, 'agents-at-capacity', 'es');
    const { conversation } = await write(box, { externalId: '+5215533330004', name: 'Lucía' }, 'Hola');
    await waitForRuns(box, workflowId, 1, ['waiting']);
    await expectDelivered(box, '+5215533330004', [busyEs]);
    await box.tx((db) => box.inbox.updateAgent(db, olga.id, { status: 'online' }));
    await waitForRuns(box, workflowId, 1);
    expect((await conversationOf(box, conversation.id)).assigneeId).toBe(olga.id);
  });
});
