/**
 * Proof: one `switchboard api` and two `switchboard worker` processes against one Postgres carry
 * the load with the same invariants as one process (DESIGN "Scale"), and when one worker is
 * killed with SIGKILL in the middle of it, inside an outbox delivery and with runs in flight,
 * the other finishes its work: every accepted event ends in one completed run, every accepted
 * message is stored once, routed once within capacity and answered once.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { ANSWER_DELAY_BOUND_MS, proofEnv, useSharedDatabaseProof } from '../support/shared-database-proof.ts';
import { assertRunning, spawnSwitchboard, until, waitForHealthy, waitForOutput } from '../support/switchboard-process.ts';
import { type Api, expectExactlyOnce, percentiles, prepareWorkload, repeatedDeliveries, startLoad, waitForLoadDone } from '../support/conversation-load.ts';

const TOKEN = 'split-proof-token';
/** Events and messages each: about 17 s of load at 3 a second of each. */
const MAX_EACH = 50;

describe('an api and two workers under load', () => {
  const proof = useSharedDatabaseProof({ latencyMs: 100 });
  const { processes } = proof;

  it('carries the load exactly once, and the surviving worker finishes the work of a killed one', async () => {
    const { schema, channel, db } = proof;
    const port = await freePort();
    const api: Api = { baseUrl: `http://127.0.0.1:${port}`, token: TOKEN };
    const env = proofEnv(schema, TOKEN);
    // Each process is given the bridge under its own name, so a delivery says which one made it.
    const channels = (via: string) => ({ SWITCHBOARD_CHANNELS: `whatsapp=${channel.urlFor(via)}` });
    const apiProcess = spawnSwitchboard('api', { ...env, ...channels('api'), PORT: String(port) });
    processes.push(apiProcess);
    await waitForHealthy(api.baseUrl, [apiProcess]);
    const workers = ['worker-1', 'worker-2'].map((name) => ({ name, process: spawnSwitchboard('worker', { ...env, ...channels(name), LOG_LEVEL: 'info' }) }));
    processes.push(...workers.map((worker) => worker.process));
    for (const worker of workers) await waitForOutput(worker.process, 'Switchboard workers running');
    const workload = await prepareWorkload(api, { agents: 5, capacity: 12 });

    const load = startLoad(api, { prefix: 'split', eventsPerSecond: 3, messagesPerSecond: 3, maxEach: MAX_EACH });
    // Both workers deliver before one of them goes.
    const deliveredVia = () => new Set([...channel.accepted.values()].map((delivery) => delivery.via));
    await until(
      () => load.acceptedCount() >= 25 && deliveredVia().size === 2,
      () => assertRunning(processes),
      60_000,
      'both workers delivering',
    );
    expect([...deliveredVia()].sort()).toEqual(['worker-1', 'worker-2']);

    // The worker inside the next delivery is killed, with its runs in flight.
    const held = await channel.holdNext();
    const killed = workers.find((worker) => worker.name === held.via);
    const survivor = workers.find((worker) => worker.name !== held.via);
    if (killed === undefined || survivor === undefined) throw new Error(`the held delivery came via "${held.via}"`);
    const unfinishedAtKill = await db.rows<{ id: string }>("select id from runs where status in ('running', 'waiting')");
    await killed.process.kill();
    const killedAt = Date.now();
    const alive = () => assertRunning([apiProcess, survivor.process]);

    // The load goes on, on one worker now.
    await until(() => load.sentCount() === 2 * MAX_EACH, alive, 60_000, 'the whole load sent');
    const result = await load.stop();
    await waitForLoadDone(db, workload, result, channel, { timeoutMs: 90_000, whileWaiting: alive });
    const answers = await expectExactlyOnce(db, workload, result, channel);

    // What the killed worker held, and everything after the kill, the survivor finished.
    const stillUnfinished = await db.count("select count(*) from runs where id = any($1) and status <> 'completed'", [unfinishedAtKill.map((run) => run.id)]);
    expect(stillUnfinished).toBe(0);
    const afterKill = [...channel.accepted.values()].filter((delivery) => delivery.acceptedAt > killedAt + 1000);
    expect(afterKill.filter((delivery) => delivery.via !== survivor.name)).toEqual([]);
    expect(channel.accepted.get(`message:${held.messageId}`)?.via).toBe(survivor.name);
    const delays = answers.map((answer) => answer.acceptedAt - answer.writtenAt);
    expect(delays.filter((delay) => delay > ANSWER_DELAY_BOUND_MS)).toEqual([]);
    expect(Object.keys(result.refusals)).toEqual([]);
    alive();
    process.stdout.write(
      `api and workers proof: ${JSON.stringify({
        accepted: { events: result.events.length, messages: result.messages.length },
        unfinishedAtKill: unfinishedAtKill.length,
        repeatedDeliveries: repeatedDeliveries(channel),
        answerDelay: percentiles(delays),
      })}\n`,
    );
  }, 240_000);
});
