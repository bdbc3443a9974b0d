/**
 * Template "support-least-open": each new conversation goes to the online
 * support agent holding the fewest open conversations, within capacity.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '@switchboard/engine/inbox';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, addTeam, conversationOf, importAndPublish, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template support-least-open', () => {
  let box: TemplateInbox;
  let contacts = 0;

  beforeEach(async () => {
    box = await startTemplateInbox();
    contacts = 0;
  });
  afterEach(() => box?.close());

  async function newConversation() {
    contacts += 1;
    return write(box, { externalId: `+5215544440${String(contacts).padStart(3, '0')}`, name: `Cliente ${contacts}` }, 'Necesito ayuda');
  }

  async function openCounts(agents: readonly Agent[]): Promise<(number | undefined)[]> {
    return box.tx((db) => Promise.all(agents.map(async (agent) => (await box.inbox.findAgent(db, agent.id))?.openCount)));
  }

  it('gives each new conversation to the least loaded online agent of the team, and queues it when all are full', async () => {
    const ana = await addAgent(box, 'Ana López', { capacity: 3 });
    const beto = await addAgent(box, 'Beto Ruiz', { capacity: 3 });
    const carla = await addAgent(box, 'Carla Díaz', { capacity: 3 });
    const dora = await addAgent(box, 'Dora Gil', { status: 'away', capacity: 3 });
    const outsider = await addAgent(box, 'Elena Mora', { capacity: 10 });
    const team = await addTeam(box, 'Soporte', [ana, beto, carla, dora]);
    // Before the flow: Ana holds three conversations, Beto one.
    for (const [agent, count] of [
      [ana, 3],
      [beto, 1],
    ] as const) {
      for (let n = 0; n < count; n += 1) {
        const { conversation } = await newConversation();
        await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent.id, reason: 'manual' }));
      }
    }
    const workflowId = await importAndPublish(box, 'support-least-open', 'es', { team: team.id, queueSeconds: 600 });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Asignación automática para soporte (menos ocupado)');

    const first = await newConversation();
    await waitForRuns(box, workflowId, 1);
    expect(await conversationOf(box, first.conversation.id)).toMatchObject({ assigneeId: carla.id, teamId: team.id });
    for (let n = 2; n <= 4; n += 1) {
      await newConversation();
      await waitForRuns(box, workflowId, n);
    }
    // Loads 3, 1, 0 plus four new ones level out at 3, 3, 2 then 3, 3, 3: nobody past capacity, nobody away, nobody outside the team.
    expect(await openCounts([ana, beto, carla, dora, outsider])).toEqual([3, 3, 2, 0, 0]);
    await newConversation();
    await waitForRuns(box, workflowId, 5);
    expect(await openCounts([ana, beto, carla])).toEqual([3, 3, 3]);

    const queued = await newConversation();
    await waitForRuns(box, workflowId, 1, ['waiting']);
    expect((await conversationOf(box, queued.conversation.id)).assigneeId).toBeNull();
    await box.tx((db) => box.inbox.updateAgent(db, beto.id, { capacity: 4 }));
    await waitForRuns(box, workflowId, 6);
    expect((await conversationOf(box, queued.conversation.id)).assigneeId).toBe(beto.id);
    expect(box.channel.deliveries).toEqual([]);
  });

  it('picks the least loaded online agent of the whole workspace when no team is chosen', async () => {
    const busy = await addAgent(box, 'Ana López', { capacity: 5 });
    const idle = await addAgent(box, 'Beto Ruiz', { capacity: 5 });
    const { conversation: held } = await newConversation();
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: held.id, agentId: busy.id, reason: 'manual' }));
    const workflowId = await importAndPublish(box, 'support-least-open', 'en');
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Auto-assign for support teams (least busy)');
    const { conversation } = await newConversation();
    await waitForRuns(box, workflowId, 1);
    expect((await conversationOf(box, conversation.id)).assigneeId).toBe(idle.id);
  });
});
