/**
 * Issue 3's "done when": a flow `conversation opened -> business hours ->
 * assign to sales team (round robin, only online, capacity) -> send "you are
 * talking to {{ assignee.name }}"` runs end to end from POST /api/inbox/messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { authorized, type InboxServer, startInboxServer } from './support/inbox-server.ts';
import { waitForRuns } from './support/inbox-fixtures.ts';

const allWeek = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, open: '00:00', close: '24:00' }));

describe('acceptance: routing a new conversation to sales', () => {
  let box: InboxEngine;
  let app: InboxServer;

  beforeAll(async () => {
    box = await startInboxEngine();
    app = await startInboxServer(box);
  });
  afterAll(async () => {
    await app?.close();
    await box?.close();
  });

  async function post(url: string, payload: unknown) {
    const response = await app.inject({ method: 'POST', url, headers: authorized, payload: payload as Record<string, unknown> });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<Record<string, unknown>>();
  }

  it('greets each new contact with the name of the sales agent round robin picked, through the channel', async () => {
    const ana = await post('/api/inbox/agents', { name: 'Ana López', email: 'ana@example.com', status: 'online', capacity: 2 });
    const beto = await post('/api/inbox/agents', { name: 'Beto Ruiz', email: 'beto@example.com', status: 'online', capacity: 2 });
    await post('/api/inbox/agents', { name: 'Carla Away', email: 'carla@example.com', status: 'away', capacity: 5 });
    const sales = await post('/api/inbox/teams', { name: 'Sales', agentIds: [ana['id'], beto['id']] });

    const workflowId = await publish(box.engine, {
      name: 'Route new conversations to sales',
      nodes: [
        { id: 'opened', type: 'inbox.conversation_opened', config: {} },
        { id: 'hours', type: 'core.business_hours', config: { timezone: 'America/Mexico_City', schedule: allWeek } },
        {
          id: 'assign',
          type: 'inbox.assign_to',
          config: { target: 'team', teamId: sales['id'], strategy: 'round_robin', onlyOnline: true, capacity: 'agent', timeoutSeconds: 0 },
        },
        { id: 'greet', type: 'inbox.send_message', config: { text: 'you are talking to {{ assignee.name }}' } },
        { id: 'away', type: 'inbox.send_message', config: { text: 'We are closed; we open {{ steps.hours.nextOpen.day }}.' } },
        { id: 'busy', type: 'inbox.send_message', config: { text: 'Everyone is busy, we will answer soon.' } },
      ],
      edges: [
        { from: 'opened', to: 'hours' },
        { from: 'hours', port: 'open', to: 'assign' },
        { from: 'hours', port: 'closed', to: 'away' },
        { from: 'assign', port: 'assigned', to: 'greet' },
        { from: 'assign', port: 'timeout', to: 'busy' },
      ],
    });

    const first = await post('/api/inbox/messages', {
      channel: 'test',
      contact: { externalId: '+5215500000001', name: 'María' },
      text: 'Hola, quiero una cotización',
    });
    const second = await post('/api/inbox/messages', { channel: 'test', contact: { externalId: '+5215500000002', name: 'Jorge' }, text: 'Buenas tardes' });
    await waitForRuns(box, workflowId, 2);
    const deliveries = await box.channel.waitForDeliveries(2);

    const byContact = new Map(deliveries.map((delivery) => [delivery.to, delivery.text]));
    expect(new Set(byContact.values())).toEqual(new Set(['you are talking to Ana López', 'you are talking to Beto Ruiz']));
    expect(deliveries.every((delivery) => delivery.senderType === 'automation' && delivery.idempotencyKey === `message:${delivery.messageId}`)).toBe(true);

    const firstConversation = (first['conversation'] as { id: string }).id;
    const thread = await app.inject({ method: 'GET', url: `/api/inbox/conversations/${firstConversation}`, headers: authorized });
    const body = thread.json<{
      conversation: { assigneeId: string; teamId: string; firstResponseAt: string | null };
      assignee: { name: string };
      messages: { direction: string; text: string; senderType: string; deliveryStatus: string }[];
    }>();
    expect(body.conversation).toMatchObject({ teamId: sales['id'], firstResponseAt: null });
    expect(body.messages.map((message) => [message.direction, message.senderType, message.text])).toEqual([
      ['in', 'contact', 'Hola, quiero una cotización'],
      ['out', 'automation', `you are talking to ${body.assignee.name}`],
    ]);
    expect(byContact.get('+5215500000001')).toBe(`you are talking to ${body.assignee.name}`);
    expect(second['opened']).toBe(true);
  });
});
