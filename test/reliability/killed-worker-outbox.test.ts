/**
 * Every queue has a heartbeat (runtime/queue.ts, JOB_HEARTBEAT_SECONDS), so the work of a
 * killed worker comes back within seconds. Here a worker is killed with SIGKILL while it is
 * inside an outbox delivery (the channel bridge never answers it), and another process must
 * deliver that message, and the one queued behind it in the same conversation, within 30 s of
 * the kill. Without a heartbeat the dead job sat until its 15-minute expiry, and the
 * conversation's later messages with it (the outbox is strict FIFO per conversation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { freePort } from '../support/free-port.ts';
import { proofEnv } from '../support/shared-database-proof.ts';
import { startRecordingChannel, type RecordingChannel } from '../support/recording-channel.ts';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { createInbox, webhookChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { spawnSwitchboard, type SwitchboardProcess, waitForHealthy } from '../support/switchboard-process.ts';
import { type Api, call } from '../support/conversation-load.ts';

const TOKEN = 'killed-worker-token';
const TAKEOVER_BOUND_MS = 30_000;

describe('a worker killed inside an outbox delivery', () => {
  let schema: TestSchema;
  let channel: RecordingChannel;
  const processes: SwitchboardProcess[] = [];
  let other: Engine | undefined;

  beforeAll(async () => {
    schema = await createTestSchema();
    channel = await startRecordingChannel();
  });
  afterAll(async () => {
    for (const entry of processes) await entry.kill();
    await other?.stop({ timeoutMs: 5000 });
    await channel?.close();
    await schema?.drop();
  });

  it('has its delivery, and the next message of that conversation, delivered by another process within 30 s', async () => {
    const port = await freePort();
    const api: Api = { baseUrl: `http://127.0.0.1:${port}`, token: TOKEN };
    const env = { ...proofEnv(schema, TOKEN), SWITCHBOARD_CHANNELS: `whatsapp=${channel.urlFor('first')}` };
    const first = spawnSwitchboard('start', { ...env, PORT: String(port) });
    processes.push(first);
    await waitForHealthy(api.baseUrl, [first]);

    const inbound = await call(api, 'POST', '/api/inbox/messages', { channel: 'whatsapp', contact: { externalId: '+5215500000001' }, text: 'hola' });
    expect(inbound.status).toBe(201);
    const conversationId = String((inbound.json.conversation as { id: string }).id);
    // The first attempt at "Held" is never answered: its worker is stuck inside the delivery.
    const held = channel.holdNext((body) => body.text === 'Held');
    for (const text of ['Held', 'Queued behind it']) {
      expect((await call(api, 'POST', `/api/inbox/conversations/${conversationId}/messages`, { senderType: 'bot', text })).status).toBe(201);
    }
    expect(await held).toMatchObject({ text: 'Held', via: 'first' });
    await first.kill();
    const killedAt = Date.now();

    // Another process takes over: the test's own, with the same channel, the way a second
    // worker would (started here rather than as a child, so its start-up is not in the figure).
    const inbox = createInbox({
      channels: [webhookChannel({ name: 'whatsapp', url: channel.urlFor('second'), secret: env.SWITCHBOARD_CHANNEL_SECRET })],
      nodes: createInboxPack,
    });
    other = createEngine({ databaseUrl: schema.databaseUrl, schema: schema.schema, nodes: corePack, plugins: [inbox.plugin], logger: createLogger('error') });
    await other.start();

    const deadline = killedAt + TAKEOVER_BOUND_MS + 15_000;
    const texts = () => [...channel.accepted.values()].filter((delivery) => delivery.conversationId === conversationId);
    while (texts().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const delivered = texts();
    expect(delivered.map((delivery) => [delivery.text, delivery.via])).toEqual([
      ['Held', 'second'],
      ['Queued behind it', 'second'],
    ]);
    const takeoverMs = (delivered[0]?.acceptedAt ?? Number.POSITIVE_INFINITY) - killedAt;
    process.stdout.write(`killed worker's outbox delivery taken over ${takeoverMs} ms after the kill\n`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_BOUND_MS);
    // The same message, under the same key, both times: the bridge can tell it is a repeat.
    expect(channel.requests.get(`message:${delivered[0]?.messageId}`)).toBe(2);
  }, 120_000);
});
