/**
 * Where concurrent picks in one team meet (store/inbox/round-robin-turns.ts): a round-robin pick
 * takes the team's next turn and waits for no other pick in flight, so a busy team's picks run
 * side by side; a least-open pick waits for the one before it, to see the load it leaves.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentCriteria, Team } from '@switchboard/engine/inbox';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { makeAgents, receive } from './support/inbox-fixtures.ts';

describe('picks in flight in one team', () => {
  let box: InboxEngine;
  let team: Team;

  beforeAll(async () => {
    box = await startInboxEngine();
    const agents = await makeAgents(box, 2, { capacity: 10 });
    team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Turns', agentIds: agents.map((agent) => agent.id) }));
  });
  afterAll(() => box?.close());

  const criteria = (strategy: AssignmentCriteria['strategy']): AssignmentCriteria => ({
    target: { kind: 'team', id: team.id },
    strategy,
    onlyOnline: false,
    capacityLimit: null,
    sticky: false,
  });

  /**
   * Assigns `first` in a transaction left open, then `second` in another with a short lock
   * timeout while the first still holds what it took: the second's agent, or 'waited' when it
   * had to wait for the first.
   */
  async function secondBesideFirst(strategy: AssignmentCriteria['strategy'], names: readonly [string, string]) {
    const [first, second] = await Promise.all(names.map((name) => receive(box, name)));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let picked: (agentId: string | undefined) => void = () => undefined;
    const firstPick = new Promise<string | undefined>((resolve) => (picked = resolve));
    const holder = box.tx(async (db) => {
      const outcome = await box.inbox.assignByRule(db, { conversationId: first?.conversation.id ?? '', criteria: criteria(strategy) });
      picked(outcome.kind === 'assigned' ? outcome.agent.id : undefined);
      await held;
    });
    const firstAgent = await firstPick;
    try {
      const secondAgent = await box.tx(async (db) => {
        await sql`set local lock_timeout = '500ms'`.execute(db);
        const outcome = await box.inbox.assignByRule(db, { conversationId: second?.conversation.id ?? '', criteria: criteria(strategy) });
        return outcome.kind === 'assigned' ? outcome.agent.id : outcome.kind;
      });
      return { firstAgent, secondAgent };
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return { firstAgent, secondAgent: 'waited' };
      throw error;
    } finally {
      release();
      await holder;
    }
  }

  it('round robin gives the next agent the next conversation while the pick before it is still in flight', async () => {
    const { firstAgent, secondAgent } = await secondBesideFirst('round_robin', ['turn-1', 'turn-2']);
    expect(team.agentIds).toContain(firstAgent);
    expect(team.agentIds).toContain(secondAgent);
    expect(secondAgent).not.toBe(firstAgent);
  });

  it('least open waits for the pick in flight before it, to see the load that pick leaves', async () => {
    const { firstAgent, secondAgent } = await secondBesideFirst('least_open', ['least-1', 'least-2']);
    expect(team.agentIds).toContain(firstAgent);
    expect(secondAgent).toBe('waited');
  });
});
