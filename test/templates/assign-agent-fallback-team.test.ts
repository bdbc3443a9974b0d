/**
 * Template "assign-agent-fallback-team": new conversations go to one agent;
 * when that agent is offline, away or full they go round robin to the team.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, addTeam, conversationOf, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template assign-agent-fallback-team', () => {
  let box: TemplateInbox;
  let contacts = 0;

  beforeEach(async () => {
    box = await startTemplateInbox();
    contacts = 0;
  });
  afterEach(() => box?.close());

  /** A new contact writes; resolves with the conversation's assignee once the flow has run. */
  async function newConversation(workflowId: string) {
    contacts += 1;
    const { conversation } = await write(box, { externalId: `+14155554${String(contacts).padStart(3, '0')}`, name: `Contact ${contacts}` }, 'Hello');
    await waitForRuns(box, workflowId, contacts);
    const runs = await box.engine.listRuns({ workflowId, subject: `conversation:${conversation.id}` });
    return {
      conversationId: conversation.id,
      assigneeId: (await conversationOf(box, conversation.id)).assigneeId,
      ports: await portsOfRun(box, runs[0]?.id ?? ''),
    };
  }

  it('gives the agent what fits, and the team in turn what does not: full, away or offline', async () => {
    const ana = await addAgent(box, 'Ana López', { capacity: 2 });
    const beto = await addAgent(box, 'Beto Ruiz', { capacity: 5 });
    const carla = await addAgent(box, 'Carla Díaz', { capacity: 5 });
    const dora = await addAgent(box, 'Dora Gil', { status: 'offline', capacity: 5 });
    const team = await addTeam(box, 'Key accounts', [beto, carla, dora]);
    const workflowId = await importAndPublish(box, 'assign-agent-fallback-team', 'en', { agent: ana.id, team: team.id, queueSeconds: 60 });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Assign to an agent, fall back to the team');

    const toAgent = [
      ['opened', 'next'],
      ['to_agent', 'assigned'],
    ];
    const toTeam = [
      ['opened', 'next'],
      ['to_agent', 'timeout'],
      ['to_team', 'assigned'],
    ];
    const first = await newConversation(workflowId);
    const second = await newConversation(workflowId);
    expect([first, second].map((outcome) => [outcome.assigneeId, outcome.ports])).toEqual([
      [ana.id, toAgent],
      [ana.id, toAgent],
    ]);

    // Ana is full: the team takes turns, never the offline Dora.
    const third = await newConversation(workflowId);
    const fourth = await newConversation(workflowId);
    expect([third.ports, fourth.ports]).toEqual([toTeam, toTeam]);
    expect([third.assigneeId, fourth.assigneeId].sort()).toEqual([beto.id, carla.id].sort());
    expect((await conversationOf(box, third.conversationId)).teamId).toBe(team.id);

    // Ana has room again but stepped away: still the team. Back online, she gets it.
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: first.conversationId, closedBy: ana.id }));
    await box.tx((db) => box.inbox.updateAgent(db, ana.id, { status: 'away' }));
    const fifth = await newConversation(workflowId);
    expect(fifth).toMatchObject({ assigneeId: third.assigneeId, ports: toTeam });
    await box.tx((db) => box.inbox.updateAgent(db, ana.id, { status: 'online' }));
    expect(await newConversation(workflowId)).toMatchObject({ assigneeId: ana.id, ports: toAgent });
  });

  it('falls back to anyone online in the workspace when no team is chosen, in Spanish', async () => {
    const ana = await addAgent(box, 'Ana López', { status: 'offline' });
    const beto = await addAgent(box, 'Beto Ruiz');
    const workflowId = await importAndPublish(box, 'assign-agent-fallback-team', 'es', { agent: ana.id });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Asignar a un agente, con respaldo del equipo');
    expect(await newConversation(workflowId)).toMatchObject({
      assigneeId: beto.id,
      ports: [
        ['opened', 'next'],
        ['to_agent', 'timeout'],
        ['to_team', 'assigned'],
      ],
    });
  });

  it('leaves the conversation unassigned after the time in the queue when the team cannot take it either', async () => {
    const ana = await addAgent(box, 'Ana López', { status: 'offline' });
    const beto = await addAgent(box, 'Beto Ruiz', { capacity: 0 });
    const team = await addTeam(box, 'Night shift', [beto]);
    const workflowId = await importAndPublish(box, 'assign-agent-fallback-team', 'en', { agent: ana.id, team: team.id, queueSeconds: 1 });
    const { conversation } = await write(box, { externalId: '+14155554999', name: 'Late Contact' }, 'Hello?');
    const [run] = await waitForRuns(box, workflowId, 1, ['completed'], 10_000);
    expect(await portsOfRun(box, run?.id ?? '')).toEqual([
      ['opened', 'next'],
      ['to_agent', 'timeout'],
      ['to_team', 'timeout'],
    ]);
    expect((await conversationOf(box, conversation.id)).assigneeId).toBeNull();
  });
});
