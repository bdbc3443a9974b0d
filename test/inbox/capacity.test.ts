/**
 * Promise 4 under real concurrency: no agent ever holds more open
 * conversations than its capacity, and queued conversations get the capacity
 * that frees up, oldest first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { listQueuedConversations } from '../../engine/src/store/inbox/assignment-queue.ts';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { eventually, loads, makeAgents, portsOf, receive, waitForRuns } from './support/inbox-fixtures.ts';

function assignFlow(name: string, assign: Record<string, unknown>) {
  return {
    name,
    nodes: [
      { id: 'opened', type: 'inbox.conversation_opened', config: {} },
      { id: 'assign', type: 'inbox.assign_to', config: assign },
    ],
    edges: [{ from: 'opened', to: 'assign' }],
  };
}

describe('capacity (promise 4)', () => {
  let box: InboxEngine;

  const published: string[] = [];

  beforeAll(async () => {
    box = await startInboxEngine({ workerConcurrency: 16, maxConnections: 20 });
  });
  afterAll(() => box?.close());
  // Every test's flow listens to every new conversation: stop it, pass or fail, before the next test.
  afterEach(async () => {
    for (const workflowId of published.splice(0)) await box.engine.stopWorkflow(workflowId);
  });

  async function publishFlow(definition: unknown): Promise<string> {
    const workflowId = await publish(box.engine, definition);
    published.push(workflowId);
    return workflowId;
  }

  it('never assigns past capacity: 5 online agents of capacity 3 and 200 conversations opened at once assign exactly 15', async () => {
    const agents = await makeAgents(box, 5, { capacity: 3 });
    const workflowId = await publishFlow(assignFlow('Assign at once', { target: 'workspace', strategy: 'least_open', timeoutSeconds: 0 }));
    const started = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, index) => receive(box, `burst-${index}`)));
    const runs = await waitForRuns(box, workflowId, 200, ['completed'], 30_000);
    const elapsedMs = Date.now() - started;

    expect(
      await portsOf(
        box,
        runs.map((run) => run.id),
        'assign',
      ),
    ).toEqual({ assigned: 15, timeout: 185 });
    const state = await loads(box);
    expect(state.assigned).toBe(15);
    expect(state.drift).toEqual([]);
    for (const agent of state.agents.filter((candidate) => agents.some((created) => created.id === candidate.id))) {
      expect({ id: agent.id, openCount: agent.openCount }).toEqual({ id: agent.id, openCount: 3 });
    }
    expect(elapsedMs).toBeLessThan(30_000);
  });

  it('queues the 185 that nobody can take from 200 at once, and gives freed capacity to the oldest, never past it', async () => {
    const agents = await makeAgents(box, 5, { capacity: 3 });
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Burst queue team', agentIds: agents.map((agent) => agent.id) }));
    const workflowId = await publishFlow(assignFlow('Assign or wait', { target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds: 600 }));
    const received = await Promise.all(Array.from({ length: 200 }, (_, index) => receive(box, `wait-${index}`)));
    await waitForRuns(box, workflowId, 15, ['completed'], 30_000);
    await waitForRuns(box, workflowId, 185, ['waiting'], 30_000);
    const queued = await box.tx((db) => listQueuedConversations(db.withTables<InboxDB>(), 500));
    expect(queued).toHaveLength(185);

    // Three conversations close and one agent gets two more places: five free places in all.
    const assigned = await box.tx(async (db) => Promise.all(received.map((message) => box.inbox.getConversation(db, message.conversation.id))));
    for (const conversation of assigned.filter((candidate) => candidate.assigneeId !== null).slice(0, 3)) {
      await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id }));
    }
    await box.tx((db) => box.inbox.updateAgent(db, agents[0]?.id ?? '', { capacity: 5 }));
    await waitForRuns(box, workflowId, 15 + 5, ['completed'], 20_000);
    const left = await box.tx((db) => listQueuedConversations(db.withTables<InboxDB>(), 500));
    expect(left.map((entry) => entry.conversationId)).toEqual(queued.slice(5).map((entry) => entry.conversationId));
    const state = await loads(box);
    expect(state.drift).toEqual([]);
    expect(agents.map((agent) => state.agents.find((candidate) => candidate.id === agent.id)?.openCount)).toEqual([5, 3, 3, 3, 3]);
  });

  it('queues conversations nobody can take and assigns the oldest as soon as capacity frees', async () => {
    const [first, second] = await makeAgents(box, 2, { capacity: 1 });
    if (first === undefined || second === undefined) throw new Error('agents not created');
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Queue team', agentIds: [first.id, second.id] }));
    const workflowId = await publishFlow(assignFlow('Assign or queue', { target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds: 600 }));
    const received = await Promise.all(Array.from({ length: 6 }, (_, index) => receive(box, `queue-${index}`)));
    await waitForRuns(box, workflowId, 2, ['completed']);
    const runs = await waitForRuns(box, workflowId, 4, ['waiting']);
    const ours = new Set(received.map((message) => message.conversation.id));
    const queuedNow = async () =>
      (await box.tx((db) => listQueuedConversations(db.withTables<InboxDB>(), 1000))).filter((entry) => ours.has(entry.conversationId));
    const queued = await queuedNow();
    expect(queued).toHaveLength(4);

    // Closing an assigned conversation frees one place: the oldest queued conversation takes it.
    const held = received.find((message) => !queued.some((entry) => entry.conversationId === message.conversation.id));
    if (held === undefined) throw new Error('no assigned conversation');
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: held.conversation.id }));
    const oldest = queued[0]?.conversationId;
    await eventually(async () => expect((await box.tx((db) => box.inbox.getConversation(db, oldest ?? ''))).assigneeId).not.toBeNull());
    await waitForRuns(box, workflowId, 3, ['completed']);

    // An offline agent joining the team is not eligible (only online); coming online, it takes the next one.
    const [late] = await makeAgents(box, 1, { capacity: 1, status: 'offline' });
    await box.tx((db) => box.inbox.updateTeam(db, team.id, { agentIds: [first.id, second.id, late?.id ?? ''] }));
    await box.inbox.drainAssignmentQueue();
    expect(await queuedNow()).toHaveLength(3);
    await box.tx((db) => box.inbox.updateAgent(db, late?.id ?? '', { status: 'online' }));
    await waitForRuns(box, workflowId, 4, ['completed']);
    const next = queued[1]?.conversationId;
    expect((await box.tx((db) => box.inbox.getConversation(db, next ?? ''))).assigneeId).toBe(late?.id);

    const remaining = await queuedNow();
    expect(remaining.map((entry) => entry.conversationId)).toEqual(queued.slice(2).map((entry) => entry.conversationId));
    expect(
      await portsOf(
        box,
        runs.filter((run) => run.status === 'completed').map((run) => run.id),
        'assign',
      ),
    ).toEqual({ assigned: 2 });
    expect((await loads(box)).drift).toEqual([]);
  });

  it('leaves by timeout after the configured time, out of the queue', async () => {
    const [busy] = await makeAgents(box, 1, { capacity: 0 });
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Full team', agentIds: [busy?.id ?? ''] }));
    const workflowId = await publishFlow(assignFlow('Assign or give up', { target: 'team', teamId: team.id, timeoutSeconds: 1 }));
    const { conversation } = await receive(box, 'gives-up');
    const [run] = await waitForRuns(box, workflowId, 1, ['completed'], 10_000);
    const { steps } = await box.engine.getRun(run?.id ?? '');
    expect(steps.at(-1)).toMatchObject({ nodeId: 'assign', port: 'timeout', output: { reason: 'timeout' } });
    const queued = await box.tx((db) => listQueuedConversations(db.withTables<InboxDB>(), 1000));
    expect(queued.some((entry) => entry.conversationId === conversation.id)).toBe(false);
  });

  it('spreads round robin one conversation per agent in turn, however many arrive at once', async () => {
    const agents = await makeAgents(box, 5, { capacity: 10 });
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Round robin team', agentIds: agents.map((agent) => agent.id) }));
    const workflowId = await publishFlow(assignFlow('Round robin', { target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds: 0 }));
    await Promise.all(Array.from({ length: 5 }, (_, index) => receive(box, `turn-a-${index}`)));
    await waitForRuns(box, workflowId, 5);
    expect(await openCounts(agents.map((agent) => agent.id))).toEqual([1, 1, 1, 1, 1]);
    await Promise.all(Array.from({ length: 10 }, (_, index) => receive(box, `turn-b-${index}`)));
    await waitForRuns(box, workflowId, 15);
    expect(await openCounts(agents.map((agent) => agent.id))).toEqual([3, 3, 3, 3, 3]);
  });

  it('picks the least loaded agent with least open, also for conversations arriving at once', async () => {
    const agents = await makeAgents(box, 3, { capacity: 10 });
    const [busiest, middle, idle] = agents;
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Least open team', agentIds: agents.map((agent) => agent.id) }));
    for (const [agent, count] of [
      [busiest, 3],
      [middle, 1],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        const { conversation } = await receive(box, `preload-${agent?.id}-${index}`);
        await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
      }
    }
    const workflowId = await publishFlow(assignFlow('Least open', { target: 'team', teamId: team.id, strategy: 'least_open', timeoutSeconds: 0 }));
    const { conversation } = await receive(box, 'least-open-1');
    await waitForRuns(box, workflowId, 1);
    expect((await box.tx((db) => box.inbox.getConversation(db, conversation.id))).assigneeId).toBe(idle?.id);
    // Loads 3, 1, 1: five more at once fill the two lighter agents up to the busiest first.
    await Promise.all(Array.from({ length: 5 }, (_, index) => receive(box, `least-open-burst-${index}`)));
    await waitForRuns(box, workflowId, 6);
    expect(await openCounts(agents.map((agent) => agent.id))).toEqual([4, 3, 3]);
  });

  it('never picks an away or offline agent when only online agents are asked for', async () => {
    const [away] = await makeAgents(box, 1, { status: 'away', capacity: 50 });
    const [offline] = await makeAgents(box, 1, { status: 'offline', capacity: 50 });
    const [online] = await makeAgents(box, 1, { status: 'online', capacity: 12 });
    const ids = [away?.id ?? '', offline?.id ?? '', online?.id ?? ''];
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Online team', agentIds: ids }));
    const workflowId = await publishFlow(
      assignFlow('Only online', { target: 'team', teamId: team.id, strategy: 'least_open', onlyOnline: true, timeoutSeconds: 0 }),
    );
    await Promise.all(Array.from({ length: 15 }, (_, index) => receive(box, `online-${index}`)));
    const runs = await waitForRuns(box, workflowId, 15);
    expect(await openCounts(ids)).toEqual([0, 0, 12]);
    expect(
      await portsOf(
        box,
        runs.map((run) => run.id),
        'assign',
      ),
    ).toEqual({ assigned: 12, timeout: 3 });
  });

  it('keeps one assignee and exact counters when 30 people assign one conversation at once', async () => {
    const agents = await makeAgents(box, 30, { capacity: 1 });
    const { conversation } = await receive(box, 'contested');
    const results = await Promise.allSettled(
      agents.map((agent) => box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent.id, reason: 'manual' }))),
    );
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const final = await box.tx((db) => box.inbox.getConversation(db, conversation.id));
    const counts = await openCounts(agents.map((agent) => agent.id));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(counts[agents.findIndex((agent) => agent.id === final.assigneeId)]).toBe(1);
    expect((await loads(box)).drift).toEqual([]);
  });

  async function openCounts(agentIds: readonly string[]): Promise<number[]> {
    const { agents } = await loads(box);
    return agentIds.map((id) => agents.find((agent) => agent.id === id)?.openCount ?? -1);
  }
});
