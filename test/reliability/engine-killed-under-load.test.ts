/**
 * Proof: the engine killed with SIGKILL during inbox load loses nothing and repeats nothing. A
 * client posts inbound messages (and events) over HTTP to `switchboard start`; the engine is
 * killed while it is inside an outbox delivery (the bridge holds that request) with runs in
 * flight, and started again. Every accepted message is stored once, its conversation routed
 * once within capacity and answered once, and no answer waits long once the engine is back:
 * the killed engine's jobs come back by their heartbeat (runtime/queue.ts), not at their
 * 15-minute expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { freePort } from '../support/free-port.ts';
import { startRecordingChannel, type RecordingChannel } from '../support/recording-channel.ts';
import { assertRunning, spawnSwitchboard, type SwitchboardProcess, until, waitForHealthy } from '../support/switchboard-process.ts';
import {
  type Api,
  expectExactlyOnce,
  openReader,
  percentiles,
  prepareWorkload,
  type Reader,
  repeatedDeliveries,
  startLoad,
  waitForLoadDone,
} from '../support/conversation-load.ts';

const TOKEN = 'engine-kill-proof-token';
/**
 * Longest an answer may wait once the engine is back: a dead process's job comes back by its heartbeat
 * (10 s), a monitor pass (10 s) and a retry's delay, about 22 s at worst, with room for a
 * loaded machine's late timers. Without heartbeats it was 15 minutes.
 */
const DELAY_BOUND_MS = 40_000;
/** Events and messages each: about 17 s of load at 3 a second of each, across the kill and the restart. */
const MAX_EACH = 50;

describe('the engine killed under inbox load', () => {
  let schema: TestSchema;
  let channel: RecordingChannel;
  let db: Reader;
  const processes: SwitchboardProcess[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    channel = await startRecordingChannel({ latencyMs: 100 });
    db = openReader(schema.databaseUrl, schema.schema);
  });
  afterAll(async () => {
    for (const entry of processes) await entry.kill();
    await channel?.close();
    await db?.close();
    await schema?.drop();
  });

  it('stores every accepted message once, routes each conversation once within capacity, and answers each once, soon after the restart', async () => {
    const port = await freePort();
    const api: Api = { baseUrl: `http://127.0.0.1:${port}`, token: TOKEN };
    const env = {
      DATABASE_URL: schema.databaseUrl,
      SWITCHBOARD_SCHEMA: schema.schema,
      SWITCHBOARD_ADMIN_TOKEN: TOKEN,
      PORT: String(port),
      SWITCHBOARD_CHANNELS: `whatsapp=${channel.urlFor('engine')}`,
      SWITCHBOARD_CHANNEL_SECRET: 'engine-kill-proof-channel-secret',
    };
    const first = spawnSwitchboard('start', env);
    processes.push(first);
    await waitForHealthy(api.baseUrl, [first]);
    const workload = await prepareWorkload(api, { agents: 5, capacity: 12 });

    const load = startLoad(api, { prefix: 'kill', eventsPerSecond: 3, messagesPerSecond: 3, maxEach: MAX_EACH });
    await until(
      () => load.acceptedCount() >= 25 && channel.accepted.size >= 5,
      () => assertRunning([first]),
      60_000,
      'progress before the kill',
    );
    // Killed inside a delivery, with runs in flight.
    await channel.holdNext();
    const inFlightAtKill = await db.count("select count(*) from runs where status in ('running', 'waiting')");
    await first.kill();

    const second = spawnSwitchboard('start', env);
    processes.push(second);
    await waitForHealthy(api.baseUrl, [second]);
    const backAt = Date.now();

    await until(
      () => load.sentCount() === 2 * MAX_EACH,
      () => assertRunning([second]),
      60_000,
      'the whole load sent',
    );
    const result = await load.stop();
    await waitForLoadDone(db, workload, result, channel, { timeoutMs: 90_000, whileWaiting: () => assertRunning([second]) });
    const answers = await expectExactlyOnce(db, workload, result, channel);

    // Soon after the restart, whether the answer was written before the kill or after it.
    const delays = answers.map((answer) => answer.acceptedAt - Math.max(answer.writtenAt, backAt));
    expect(delays.filter((delay) => delay > DELAY_BOUND_MS)).toEqual([]);
    expect(Object.keys(result.refusals).filter((outcome) => outcome !== 'network' && !outcome.startsWith('503 '))).toEqual([]);
    process.stdout.write(
      `engine kill proof: ${JSON.stringify({
        accepted: { events: result.events.length, messages: result.messages.length },
        inFlightAtKill,
        refusals: result.refusals,
        repeatedDeliveries: repeatedDeliveries(channel),
        delayAfterRestart: percentiles(delays),
      })}\n`,
    );
  }, 240_000);
});
