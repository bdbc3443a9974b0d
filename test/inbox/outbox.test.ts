/**
 * Outbound messages go through the outbox to a channel adapter: at least once,
 * signed, with a stable idempotency key, retried with backoff, and the outcome
 * recorded on the message (promise 2).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody, webhookChannel } from '@switchboard/engine/inbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMessage } from '../../engine/src/store/inbox/messages.ts';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { eventually, makeAgents } from './support/inbox-fixtures.ts';
import { waitForJobsSettled } from '../support/wait-for-jobs.ts';

interface Received {
  readonly body: string;
  readonly signature: string | undefined;
  readonly idempotencyKey: string | undefined;
}

const SECRET = 'bridge-secret';

describe('outbox', () => {
  let box: InboxEngine;
  let server: Server;
  const received: Received[] = [];
  /** How many more times the bridge answers 503 for a text. */
  const failuresLeft = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({
          body,
          signature: request.headers['x-switchboard-signature'] as string | undefined,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        });
        const text = (JSON.parse(body) as { text: string }).text;
        const left = failuresLeft.get(text) ?? 0;
        failuresLeft.set(text, left - 1);
        response.writeHead(left > 0 ? 503 : 202, { 'content-type': 'application/json' });
        response.end(left > 0 ? '{"error":"busy"}' : '{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    box = await startInboxEngine({ channels: [webhookChannel({ name: 'whatsapp', url, secret: SECRET, timeoutMs: 2_000 })] });
  });
  afterAll(async () => {
    await box?.close();
    server?.close();
  });

  async function replyOnWhatsapp(externalId: string, text: string) {
    const [agent] = await makeAgents(box, 1);
    const inbound = await box.tx((db) => box.inbox.receiveMessage(db, { channel: 'whatsapp', contact: { externalId }, text: 'hola' }));
    return box.tx((db) => box.inbox.sendMessage(db, { conversationId: inbound.conversation.id, text, sender: { type: 'agent', agentId: agent?.id ?? '' } }));
  }

  const stored = (id: string) => box.tx((db) => findMessage(db.withTables<InboxDB>(), id));
  const deliveriesOf = (text: string) => received.filter((entry) => (JSON.parse(entry.body) as { text: string }).text === text);

  it('POSTs a signed JSON body with the idempotency key, to the contact on the channel, and records it sent', async () => {
    const message = await replyOnWhatsapp('+5215511111111', 'Your order shipped');
    await eventually(async () => expect(await stored(message.id)).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 1, deliveryError: null }));
    const [delivery] = deliveriesOf('Your order shipped');
    expect(delivery?.idempotencyKey).toBe(`message:${message.id}`);
    expect(delivery?.signature).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(delivery?.body ?? '')
        .digest('hex')}`,
    );
    expect(delivery?.signature).toBe(signBody(SECRET, delivery?.body ?? ''));
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      messageId: message.id,
      to: '+5215511111111',
      text: 'Your order shipped',
      senderType: 'agent',
      attempt: 1,
    });
  });

  it('retries a failed delivery with backoff and the same key until it goes through, and gives up after the last attempt', async () => {
    failuresLeft.set('Try again', 2);
    failuresLeft.set('Never works', 99);
    const [flaky, broken] = await Promise.all([replyOnWhatsapp('+5215522222222', 'Try again'), replyOnWhatsapp('+5215533333333', 'Never works')]);
    await eventually(async () => expect(await stored(flaky.id)).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 3, deliveryError: null }), 20_000);
    await eventually(
      async () =>
        expect(await stored(broken.id)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 3, deliveryError: expect.stringContaining('503') }),
      20_000,
    );
    expect(new Set(deliveriesOf('Try again').map((entry) => entry.idempotencyKey))).toEqual(new Set([`message:${flaky.id}`]));
    expect(deliveriesOf('Try again').map((entry) => (JSON.parse(entry.body) as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    // Failed for good: its job settled after the third attempt, with no fourth.
    expect(await waitForJobsSettled(box.harness.schema, { queue: 'inbox-outbox', data: { messageId: broken.id } })).toEqual(['completed']);
    expect(deliveriesOf('Never works')).toHaveLength(3);
  });

  it("delivers one conversation's messages in order: a retrying message holds back the ones after it", async () => {
    failuresLeft.set('First, after two failures', 2);
    const [agent] = await makeAgents(box, 1);
    const inbound = await box.tx((db) => box.inbox.receiveMessage(db, { channel: 'whatsapp', contact: { externalId: '+5215544444444' }, text: 'hola' }));
    const send = (text: string) =>
      box.tx((db) => box.inbox.sendMessage(db, { conversationId: inbound.conversation.id, text, sender: { type: 'agent', agentId: agent?.id ?? '' } }));
    const first = await send('First, after two failures');
    const second = await send('Second');
    await eventually(async () => expect(await stored(second.id)).toMatchObject({ deliveryStatus: 'sent' }), 20_000);
    expect(await stored(first.id)).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 3 });
    const order = received
      .map((entry) => (JSON.parse(entry.body) as { text: string }).text)
      .filter((text) => text === 'First, after two failures' || text === 'Second');
    expect(order).toEqual(['First, after two failures', 'First, after two failures', 'First, after two failures', 'Second']);
  });

  it('delivers messages written in one transaction in the order they were written', async () => {
    const inbound = await box.tx((db) => box.inbox.receiveMessage(db, { channel: 'test', contact: { externalId: 'burst-writer' }, text: 'hola' }));
    const texts = Array.from({ length: 10 }, (_, index) => `part ${index + 1}`);
    await box.tx(async (db) => {
      for (const text of texts) await box.inbox.sendMessage(db, { conversationId: inbound.conversation.id, text, sender: { type: 'automation' } });
    });
    await eventually(async () =>
      expect(box.channel.deliveries.filter((delivery) => delivery.conversationId === inbound.conversation.id).map((delivery) => delivery.text)).toEqual(texts),
    );
  });
});
