/**
 * Template "sales-round-robin": new conversations go in turn to the sales
 * team's online agents within capacity, and wait in the queue when all are
 * full or away.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, addTeam, conversationOf, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template sales-round-robin', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  it('takes turns among the online sales agents, never past capacity, and gives queued conversations to whoever frees up first', async () => {
    const ana = await addAgent(box, 'Ana López', { capacity: 3 });
    const beto = await addAgent(box, 'Beto Ruiz', { capacity: 2 });
    const carla = await addAgent(box, 'Carla Díaz', { status: 'away', capacity: 5 });
    const diego = await addAgent(box, 'Diego Soto', { capacity: 10 });
    const sales = await addTeam(box, 'Ventas', [ana, beto, carla]);
    // Ana still holds a conversation from before the flow existed.
    const earlier = await write(box, { externalId: '+5215500000000', name: 'Rosa Peña' }, 'Hola');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: earlier.conversation.id, agentId: ana.id, reason: 'manual' }));

    const workflowId = await importAndPublish(box, 'sales-round-robin', 'es', { team: sales.id, queueSeconds: 60 });
    expect(await box.engine.getWorkflow(workflowId)).toMatchObject({ name: 'Asignación automática para ventas (por turnos)', status: 'active' });

    const assignees: (string | null)[] = [];
    for (let n = 1; n <= 4; n += 1) {
      const { conversation } = await write(box, { externalId: `+521550000000${n}`, name: `Cliente ${n}` }, 'Quiero una cotización');
      await waitForRuns(box, workflowId, n);
      assignees.push((await conversationOf(box, conversation.id)).assigneeId);
    }
    // Strict turns although Ana started with one more: round robin, not least open; then both are full.
    const [first, second] = [ana.id, beto.id].sort();
    expect(assignees).toEqual([first, second, first, second]);

    // Two conversations queue up. They are different subjects, whose runs may go in either
    // order: the sixth is written once the fifth's run waits in the queue, so the fifth is older there.
    const fifth = await write(box, { externalId: '+5215500000005', name: 'Cliente 5' }, 'Hola, ¿tienen descuento?');
    await waitForRuns(box, workflowId, 1, ['waiting']);
    const sixth = await write(box, { externalId: '+5215500000006', name: 'Cliente 6' }, '¿Me pueden llamar?');
    const runs = await waitForRuns(box, workflowId, 2, ['waiting']);
    expect((await conversationOf(box, fifth.conversation.id)).assigneeId).toBeNull();

    // Ana closes her old conversation: the oldest queued one is hers; Carla coming online takes the next.
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: earlier.conversation.id, closedBy: ana.id }));
    await waitForRuns(box, workflowId, 5);
    expect(await conversationOf(box, fifth.conversation.id)).toMatchObject({ assigneeId: ana.id, teamId: sales.id });
    await box.tx((db) => box.inbox.updateAgent(db, carla.id, { status: 'online' }));
    await waitForRuns(box, workflowId, 6);
    expect(await conversationOf(box, sixth.conversation.id)).toMatchObject({ assigneeId: carla.id, teamId: sales.id });

    const queuedRun = runs.find((run) => run.subject === `conversation:${fifth.conversation.id}`);
    expect(await portsOfRun(box, queuedRun?.id ?? '')).toEqual([
      ['opened', 'next'],
      ['assign', 'assigned'],
    ]);
    const agents = await box.tx(async (db) =>
      Promise.all([ana, beto, carla, diego].map(async (agent) => (await box.inbox.findAgent(db, agent.id))?.openCount)),
    );
    expect(agents).toEqual([3, 2, 1, 0]);
    // The template only assigns: the contacts are told nothing.
    expect(box.channel.deliveries).toEqual([]);
  });

  it('leaves the queue by timeout when no sales agent comes online in time', async () => {
    const offline = await addAgent(box, 'Olga Vera', { status: 'offline' });
    const sales = await addTeam(box, 'Sales', [offline]);
    const workflowId = await importAndPublish(box, 'sales-round-robin', 'en', { team: sales.id, queueSeconds: 1 });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Auto-assign for sales teams (round robin)');

    const { conversation } = await write(box, { externalId: '+14155550100', name: 'Jamie Fox' }, 'Can I get a quote?');
    const [run] = await waitForRuns(box, workflowId, 1, ['completed'], 10_000);
    const { steps } = await box.engine.getRun(run?.id ?? '');
    expect(steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['opened', 'next'],
      ['assign', 'timeout'],
    ]);
    expect(steps[1]?.output).toEqual({ reason: 'timeout', queuedSeconds: expect.any(Number) });
    expect((steps[1]?.finishedAt?.getTime() ?? 0) - (steps[1]?.startedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(await conversationOf(box, conversation.id)).toMatchObject({ status: 'open', assigneeId: null });
  });

  it('spreads over the online agents of the whole workspace when no team is chosen', async () => {
    const ana = await addAgent(box, 'Ana López');
    const beto = await addAgent(box, 'Beto Ruiz');
    await addAgent(box, 'Olga Vera', { status: 'offline' });
    const workflowId = await importAndPublish(box, 'sales-round-robin', 'en');

    const first = await write(box, { externalId: '+14155550101', name: 'Jamie Fox' }, 'Hi');
    const second = await write(box, { externalId: '+14155550102', name: 'Sam Lee' }, 'Hello');
    await waitForRuns(box, workflowId, 2);
    const assignees = await Promise.all([first, second].map(async (received) => (await conversationOf(box, received.conversation.id)).assigneeId));
    expect(assignees.sort()).toEqual([ana.id, beto.id].sort());
  });
});
