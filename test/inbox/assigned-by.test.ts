/**
 * "Assigned by flow X because ...": a conversation a flow step assigned names that step
 * (`assignedBy`), and its thread says why in the reader's language (`assignmentReason`), through
 * the real API server; a person's assignment, an unassignment or a reopening clears it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, waitForRun } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { authorized, type InboxServer, startInboxServer } from './support/inbox-server.ts';
import { eventually, makeAgents, receive } from './support/inbox-fixtures.ts';

interface Thread {
  conversation: { id: string; assigneeId: string | null; assignedBy: { runId: string; nodeId: string } | null };
  assignmentReason: { runId: string; nodeId: string; workflowId: string; workflowName: string; explanation: { code: string; text: string } } | null;
}

describe('the conversation says which flow assigned it and why', () => {
  let box: InboxEngine;
  let app: InboxServer;
  let contacts = 0;
  beforeAll(async () => {
    box = await startInboxEngine();
    app = await startInboxServer(box);
  });
  afterAll(async () => {
    await app?.close();
    await box?.close();
  });

  async function thread(conversationId: string, headers: Record<string, string> = {}, query = ''): Promise<Thread> {
    const response = await app.inject({ method: 'GET', url: `/api/inbox/conversations/${conversationId}${query}`, headers: { ...authorized, ...headers } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Thread>();
  }

  /** A team of `capacities.length` online agents, and a published flow that assigns to it by round robin from a shortcut. */
  async function routing(name: string, capacities: readonly number[], timeoutSeconds: number) {
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: `${name} ${Date.now()}` }));
    const agents = await Promise.all(capacities.map((capacity) => makeAgents(box, 1, { capacity, teamIds: [team.id] }).then(([agent]) => agent)));
    const workflowId = await publish(box.engine, {
      name,
      nodes: [
        { id: 'start', type: 'inbox.shortcut', config: {} },
        { id: 'route', type: 'inbox.assign_to', config: { target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds } },
      ],
      edges: [{ from: 'start', to: 'route' }],
      settings: { reentry: 'parallel' },
    });
    return { team, agents: agents.map((agent) => agent ?? expect.fail('agent')), workflowId };
  }

  async function conversation(): Promise<string> {
    contacts += 1;
    return (await receive(box, `assigned-by-${contacts}`, 'hola')).conversation.id;
  }

  async function runShortcut(conversationId: string, workflowId: string): Promise<string> {
    const { runIds } = await box.tx((db) => box.inbox.runShortcut(db, { conversationId, workflowId }));
    return runIds[0] ?? expect.fail('no run');
  }

  it('names the run and step that assigned it, with the explanation in the language asked for, until a person reassigns it', async () => {
    const { agents, workflowId } = await routing('Ventas por turno', [3, 3], 0);
    const conversationId = await conversation();
    const runId = await runShortcut(conversationId, workflowId);
    await waitForRun(box.engine, runId, ['completed']);

    const spanish = await thread(conversationId, {}, '?language=es');
    const assignee = agents.find((agent) => agent.id === spanish.conversation.assigneeId) ?? expect.fail('assigned to someone else');
    expect(spanish.conversation.assignedBy).toEqual({ runId, nodeId: 'route' });
    expect(spanish.assignmentReason).toEqual({
      runId,
      nodeId: 'route',
      workflowId,
      workflowName: 'Ventas por turno',
      explanation: expect.objectContaining({ code: 'round_robin', text: `Le tocaba a ${assignee.name} por turno.` }),
    });
    const english = await thread(conversationId, { 'accept-language': 'en-GB, es;q=0.5' });
    expect(english.assignmentReason?.explanation.text).toBe(`${assignee.name} was next in the round.`);

    // A person moves it: the flow no longer explains who has it.
    const other = agents.find((agent) => agent.id !== assignee.id) ?? expect.fail('second agent');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId, agentId: other.id, reason: 'manual' }));
    const moved = await thread(conversationId);
    expect(moved.conversation).toMatchObject({ assigneeId: other.id, assignedBy: null });
    expect(moved.assignmentReason).toBeNull();
  });

  it('names the step that queued it once the queue assigns it, and forgets it when it is unassigned', async () => {
    const { agents, workflowId } = await routing('Cola de soporte', [1], 300);
    const [agent] = agents;
    if (agent === undefined) throw new Error('agent');
    const held = await conversation();
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: held, agentId: agent.id, reason: 'manual' }));

    const conversationId = await conversation();
    const runId = await runShortcut(conversationId, workflowId);
    await waitForRun(box.engine, runId, ['waiting']);
    expect((await thread(conversationId)).conversation.assignedBy).toBeNull();

    // The agent frees up: the queue's drain assigns it on behalf of the waiting step, which then says why.
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: held }));
    await waitForRun(box.engine, runId, ['completed']);
    const assigned = await eventually(async () => {
      const current = await thread(conversationId, { 'accept-language': 'en' });
      expect(current.conversation).toMatchObject({ assigneeId: agent.id, assignedBy: { runId, nodeId: 'route' } });
      expect(current.assignmentReason?.explanation.code).toBe('round_robin');
      return current;
    });
    expect(assigned.assignmentReason).toMatchObject({ workflowId, workflowName: 'Cola de soporte' });

    await box.tx((db) => box.inbox.unassign(db, { conversationId }));
    expect(await thread(conversationId)).toMatchObject({ conversation: { assigneeId: null, assignedBy: null }, assignmentReason: null });
  });

  it('says nothing once retention has deleted the run, and refuses a language that is no tag', async () => {
    const { workflowId } = await routing('Sin historial', [3], 0);
    const conversationId = await conversation();
    const runId = await runShortcut(conversationId, workflowId);
    await waitForRun(box.engine, runId, ['completed']);
    await box.tx(async (db) => {
      await db
        .deleteFrom('steps' as never)
        .where('run_id' as never, '=', runId as never)
        .execute();
      await db
        .deleteFrom('runs' as never)
        .where('id' as never, '=', runId as never)
        .execute();
    });
    const gone = await thread(conversationId);
    expect(gone.conversation.assignedBy).toEqual({ runId, nodeId: 'route' });
    expect(gone.assignmentReason).toBeNull();

    const refused = await app.inject({ method: 'GET', url: `/api/inbox/conversations/${conversationId}?language=en_US!`, headers: authorized });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path)).toEqual(['/query/language']);
  });
});
