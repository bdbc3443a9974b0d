/**
 * "Why this agent": inbox.assign_to records the candidates it weighed and why, on a real
 * engine and Postgres, and GET /api/runs/:id renders it in English and Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '@switchboard/engine';
import { translateExplanation } from '../../engine/src/api/translate-explanation.ts';
import { publish, waitForRun } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { makeAgents, receive } from './support/inbox-fixtures.ts';

describe('inbox.assign_to explanations', () => {
  let box: InboxEngine;
  let contacts = 0;
  beforeAll(async () => {
    box = await startInboxEngine();
  });
  afterAll(() => box?.close());

  async function assignWith(config: Record<string, unknown>, before?: (conversationId: string) => Promise<void>) {
    const workflowId = await publish(box.engine, {
      name: `Why ${contacts}`,
      nodes: [
        { id: 'start', type: 'inbox.shortcut', config: {} },
        { id: 'assign', type: 'inbox.assign_to', config },
      ],
      edges: [{ from: 'start', to: 'assign' }],
      settings: { reentry: 'parallel' },
    });
    contacts += 1;
    const { conversation } = await receive(box, `why-${contacts}`, 'hola');
    await before?.(conversation.id);
    const { runIds } = await box.tx((db) => box.inbox.runShortcut(db, { conversationId: conversation.id, workflowId }));
    const { steps } = await waitForRun(box.engine, runIds[0] ?? '', ['completed', 'waiting']);
    const step = steps.findLast((candidate: Step) => candidate.nodeId === 'assign');
    if (step?.explanation == null) throw new Error(`no explanation: ${JSON.stringify(step)}`);
    const definition = box.engine.catalog.get('inbox.assign_to')?.definition;
    return { en: translateExplanation(definition, step.explanation, ['en']), es: translateExplanation(definition, step.explanation, ['es']) };
  }

  it('names the round robin pick and why the away, the full and the outside agents were passed over, in English and Spanish', async () => {
    const [outsider] = await makeAgents(box, 1, { capacity: 5 });
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: `Why team ${Date.now()}` }));
    const [online] = await makeAgents(box, 1, { capacity: 3, teamIds: [team.id] });
    const [away] = await makeAgents(box, 1, { status: 'away', capacity: 3, teamIds: [team.id] });
    const [full] = await makeAgents(box, 1, { capacity: 1, teamIds: [team.id] });
    if (outsider === undefined || online === undefined || away === undefined || full === undefined) throw new Error('agents');
    const { conversation: held } = await receive(box, `why-held-${Date.now()}`, 'hola');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: held.id, agentId: full.id, reason: 'manual' }));

    const { en, es } = await assignWith({ target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds: 0 }, async (conversationId) => {
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId, agentId: outsider.id, reason: 'manual' }));
    });
    expect(en.code).toBe('round_robin');
    expect(en.text).toBe(`${online.name} was next in the round.`);
    expect(es.text).toBe(`Le tocaba a ${online.name} por turno.`);
    const reasons = (rows: typeof en.rows) => Object.fromEntries(rows.map((row) => [row.name, `${row.outcome}: ${row.reason}`]));
    expect(reasons(en.rows)).toEqual({
      [online.name]: 'chosen: next in the round',
      [away.name]: 'passed: away',
      [full.name]: 'passed: at capacity, 1 of 1',
      [outsider.name]: 'passed: not in the team',
    });
    expect(reasons(es.rows)).toEqual({
      [online.name]: 'chosen: le tocaba por turno',
      [away.name]: 'passed: ausente',
      [full.name]: 'passed: sin capacidad: 1 de 1',
      [outsider.name]: 'passed: no es del equipo',
    });
    expect(en.rows[0]?.outcome).toBe('chosen');
  });

  it('says why it queued: everyone at capacity', async () => {
    const team = await box.tx((db) => box.inbox.createTeam(db, { name: `Why full ${Date.now()}` }));
    const [full] = await makeAgents(box, 1, { capacity: 1, teamIds: [team.id] });
    if (full === undefined) throw new Error('agent');
    const { conversation: held } = await receive(box, `why-full-${Date.now()}`, 'hola');
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: held.id, agentId: full.id, reason: 'manual' }));
    const { en, es } = await assignWith({ target: 'team', teamId: team.id, timeoutSeconds: 300 });
    expect(en).toEqual({
      code: 'queued_everyone_full',
      text: 'Everyone is at capacity; the conversation waits in the queue.',
      rows: [{ name: full.name, outcome: 'passed', reason: 'at capacity, 1 of 1' }],
    });
    expect(es.text).toBe('Todos están al límite de su capacidad; la conversación espera en la cola.');
  });

  it('says nobody is online when the only agent is offline and the step does not wait', async () => {
    const [offline] = await makeAgents(box, 1, { status: 'offline' });
    const { en, es } = await assignWith({ target: 'agent', agentId: offline?.id, timeoutSeconds: 0 });
    expect(en).toMatchObject({ code: 'unavailable_nobody_online', rows: [{ name: offline?.name, outcome: 'passed', reason: 'offline' }] });
    expect(es.rows[0]?.reason).toBe('sin conexión');
  });
});
