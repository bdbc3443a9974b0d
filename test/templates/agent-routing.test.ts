/**
 * Template "agent-routing": the contact is asked what they need (multiple
 * choice) and routed to the matching team; an answer not understood after
 * three tries, or no answer in 30 minutes, goes to anyone in the workspace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, Team } from '@switchboard/engine/inbox';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { waitForRun } from '../support/test-engine.ts';
import { addAgent, addTeam, conversationOf, expectDelivered, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

const questionEs = '¡Hola! ¿En qué podemos ayudarte hoy?\n1. Comprar o cotizar\n2. Ayuda con un producto\n3. Facturación y pagos';
const retryEs = 'Perdona, no te entendí. Responde con el número de una opción.';

describe('template agent-routing', () => {
  let box: TemplateInbox;
  let agents: Record<'ana' | 'beto' | 'carla' | 'diego', Agent>;
  let teams: Record<'sales' | 'support' | 'billing', Team>;

  beforeEach(async () => {
    box = await startTemplateInbox();
    agents = {
      ana: await addAgent(box, 'Ana López'),
      beto: await addAgent(box, 'Beto Ruiz'),
      carla: await addAgent(box, 'Carla Díaz'),
      diego: await addAgent(box, 'Diego Soto'),
    };
    teams = {
      sales: await addTeam(box, 'Ventas', [agents.ana]),
      support: await addTeam(box, 'Soporte', [agents.beto]),
      billing: await addTeam(box, 'Facturación', [agents.carla]),
    };
  });
  afterEach(() => box?.close());

  /** A new contact writes; resolves once the question is out and the run waits for the answer. */
  async function opens(workflowId: string, contact: { externalId: string; name: string }) {
    const { conversation } = await write(box, contact, 'Hola');
    await expectDelivered(box, contact.externalId, [questionEs]);
    const [run] = await box.engine.listRuns({ workflowId, subject: `conversation:${conversation.id}` });
    await waitForRun(box.engine, run?.id ?? '', ['waiting']);
    return { conversationId: conversation.id, runId: run?.id ?? '' };
  }

  /** The contact answers, and the next automated reply (if any) is out before they answer again. */
  async function answers(contact: { externalId: string }, reply: string, expected: readonly string[]) {
    await write(box, contact, reply);
    await expectDelivered(box, contact.externalId, expected);
  }

  it('routes each choice to its team by number or label, and retries an answer it does not understand', async () => {
    const workflowId = await importAndPublish(box, 'agent-routing', 'es', {
      salesTeam: teams.sales.id,
      supportTeam: teams.support.id,
      billingTeam: teams.billing.id,
    });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Enrutar según lo que necesita el contacto');
    const maria = { externalId: '+5215566660001', name: 'María' };
    const jorge = { externalId: '+5215566660002', name: 'Jorge' };
    const rosa = { externalId: '+5215566660003', name: 'Rosa' };

    const forMaria = await opens(workflowId, maria);
    await answers(maria, '1', [questionEs]);
    const forJorge = await opens(workflowId, jorge);
    await answers(jorge, 'ayuda con un producto', [questionEs]);
    const forRosa = await opens(workflowId, rosa);
    await answers(rosa, 'no sé, tengo un cargo raro', [questionEs, retryEs]);
    await answers(rosa, '3', [questionEs, retryEs]);

    const routed = await Promise.all(
      [forMaria, forJorge, forRosa].map(async ({ conversationId, runId }) => {
        const { run } = await waitForRun(box.engine, runId);
        const { assigneeId, teamId } = await conversationOf(box, conversationId);
        return { need: run.vars['need'], assigneeId, teamId, ports: (await portsOfRun(box, runId)).slice(1) };
      }),
    );
    expect(routed).toEqual([
      {
        need: 'sales',
        assigneeId: agents.ana.id,
        teamId: teams.sales.id,
        ports: [
          ['ask', 'sales'],
          ['to_sales', 'assigned'],
        ],
      },
      {
        need: 'support',
        assigneeId: agents.beto.id,
        teamId: teams.support.id,
        ports: [
          ['ask', 'support'],
          ['to_support', 'assigned'],
        ],
      },
      {
        need: 'billing',
        assigneeId: agents.carla.id,
        teamId: teams.billing.id,
        ports: [
          ['ask', 'billing'],
          ['to_billing', 'assigned'],
        ],
      },
    ]);
    expect((await box.engine.getRun(forRosa.runId)).run.outputs['ask']).toMatchObject({ answer: 'billing', reply: '3', attempts: 2 });
  });

  it('gives up after three answers it does not understand and assigns the least busy agent of the workspace', async () => {
    // The team agents already hold a conversation each; Diego, in no team, holds none.
    for (const agent of [agents.ana, agents.beto, agents.carla]) {
      const { conversation } = await write(box, { externalId: `held-by-${agent.id}`, name: 'Earlier' }, 'hola');
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent.id, reason: 'manual' }));
    }
    const workflowId = await importAndPublish(box, 'agent-routing', 'es', {
      salesTeam: teams.sales.id,
      supportTeam: teams.support.id,
      billingTeam: teams.billing.id,
    });
    const luis = { externalId: '+5215566660004', name: 'Luis' };
    const { conversationId, runId } = await opens(workflowId, luis);
    await answers(luis, 'quiero hablar con alguien', [questionEs, retryEs]);
    await answers(luis, 'una persona', [questionEs, retryEs, retryEs]);
    await write(box, luis, '¿?');
    const { run } = await waitForRun(box.engine, runId);

    expect((await portsOfRun(box, runId)).slice(1)).toEqual([
      ['ask', 'invalid'],
      ['to_anyone', 'assigned'],
    ]);
    expect(run.outputs['ask']).toMatchObject({ attempts: 3, reply: '¿?' });
    expect(await conversationOf(box, conversationId)).toMatchObject({ assigneeId: agents.diego.id, awaitingReplyUntil: null });
    await expectDelivered(box, luis.externalId, [questionEs, retryEs, retryEs]);
  });

  it('stands down when an agent takes the conversation over before the contact answers', async () => {
    const workflowId = await importAndPublish(box, 'agent-routing', 'es', {
      salesTeam: teams.sales.id,
      supportTeam: teams.support.id,
      billingTeam: teams.billing.id,
    });
    const olga = { externalId: '+5215566660009', name: 'Olga' };
    const { conversationId, runId } = await opens(workflowId, olga);
    await box.tx((db) => box.inbox.assignToAgent(db, { conversationId, agentId: agents.diego.id, reason: 'take_over' }));
    await write(box, olga, 'quiero un reembolso');
    await waitForRun(box.engine, runId);
    expect((await portsOfRun(box, runId)).slice(1)).toEqual([['ask', 'taken_over']]);
    expect(await conversationOf(box, conversationId)).toMatchObject({ assigneeId: agents.diego.id, awaitingReplyUntil: null });
    // No retry message and no routing: the reply is the agent's to answer.
    await expectDelivered(box, olga.externalId, [questionEs]);
  });

  it('assigns anyone in the workspace when the contact does not answer within 30 minutes, in English', async () => {
    const workflowId = await importAndPublish(box, 'agent-routing', 'en');
    const sam = { externalId: '+14155556001', name: 'Sam Lee' };
    // Sam wrote 31 minutes ago and never answered: the question's deadline is already due.
    box.clock.shift(-31 * 60_000);
    const { conversation } = await write(box, sam, 'Hello');
    const [waiting] = await waitForRuns(box, workflowId, 1, ['waiting', 'completed']);
    box.clock.shift(31 * 60_000);
    const { run, steps, waits } = await waitForRun(box.engine, waiting?.id ?? '');

    await expectDelivered(box, sam.externalId, ['Hi! How can we help you today?\n1. Buy or get a quote\n2. Help with a product\n3. Billing and payments']);
    const asked = steps.find((step) => step.nodeId === 'ask');
    expect(waits[0]?.resumeAt?.getTime()).toBe((asked?.startedAt.getTime() ?? 0) + 30 * 60_000);
    expect(steps.map((step) => [step.nodeId, step.port]).slice(1)).toEqual([
      ['ask', 'timeout'],
      ['to_anyone', 'assigned'],
    ]);
    expect(run.vars).toEqual({});
    const { assigneeId, teamId } = await conversationOf(box, conversation.id);
    expect(Object.values(agents).map((agent) => agent.id)).toContain(assigneeId);
    expect(teamId).toBeNull();
  });
});
