/**
 * Proof: the engine killed with SIGKILL during inbox load loses nothing and repeats nothing. A
 * client posts inbound messages (and events) over HTTP to `switchboard start`; the engine is
 * killed while it is inside an outbox delivery (the bridge holds that request) with runs in
 * flight, and started again. Every accepted message is stored once, its conversation routed
 * once within capacity and answered once, and no answer waits long once the engine is back:
 * the killed engine's jobs come back by their heartbeat (runtime/queue.ts), not at their
 * 15-minute expiry.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { ANSWER_DELAY_BOUND_MS, proofEnv, useSharedDatabaseProof } from '../support/shared-database-proof.ts';
import { assertRunning, spawnSwitchboard, until, waitForHealthy } from '../support/switchboard-process.ts';
import { type Api, expectExactlyOnce, percentiles, prepareWorkload, repeatedDeliveries, startLoad, waitForLoadDone } from '../support/conversation-load.ts';

const TOKEN = 'engine-kill-proof-token';
/** Events and messages each: about 17 s of load at 3 a second of each, across the kill and the restart. */
const MAX_EACH = 50;

describe('the engine killed under inbox load', () => {
  const proof = useSharedDatabaseProof({ latencyMs: 100 });
  const { processes } = proof;

  it('stores every accepted message once, routes each conversation once within capacity, and answers each once, soon after the restart', async () => {
    const { schema, channel, db } = proof;
    const port = await freePort();
    const api: Api = { baseUrl: `http://127.0.0.1:${port}`, token: TOKEN };
    const env = {
      ...proofEnv(schema, TOKEN),
      PORT: String(port),
      SWITCHBOARD_CHANNELS: `whatsapp=${channel.urlFor('engine')}`,
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
    expect(delays.filter((delay) => delay > ANSWER_DELAY_BOUND_MS)).toEqual([]);
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
