/**
 * Proof: Postgres restarted under load, twice, needs nobody. The engine runs as a child process
 * (`switchboard start`) on an embedded Postgres of this test's own, in a temporary directory on
 * a free port; the test stops that Postgres (a fast shutdown, as `pg_ctl restart -m fast` does:
 * every session is terminated with 57P01) and starts it again on the same port and data, twice,
 * while a client posts events and inbound messages, runs wait and the outbox delivers. The engine
 * must stay up, answer 503 DATABASE_UNAVAILABLE (never 500) and report the outage on
 * /api/health while the database is down, and once it is back finish every accepted item
 * exactly once. Never the shared test Postgres: other test files use it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { freePort } from '../support/free-port.ts';
import { startRecordingChannel, type RecordingChannel } from '../support/recording-channel.ts';
import { assertRunning, describeProcesses, spawnSwitchboard, type SwitchboardProcess, until, waitForHealthy } from '../support/switchboard-process.ts';
import {
  type Api,
  countRuns,
  expectExactlyOnce,
  openReader,
  percentiles,
  prepareWorkload,
  type Reader,
  repeatedDeliveries,
  startLoad,
  waitForLoadDone,
} from '../support/conversation-load.ts';

const TOKEN = 'restart-proof-token';
/** How long Postgres stays down at each restart. */
const OUTAGE_MS = 3000;
/** The engine's log line when an outage starts (database-outages.ts), as `logLines` counts it. */
const OUTAGE_STARTED = 'warn database unavailable: work in flight is retried and the API answers 503 DATABASE_UNAVAILABLE until it is back';

describe('a Postgres restart under load', () => {
  let dataDir: string;
  let pgPort: number;
  let postgres: EmbeddedPostgresServer | undefined;
  let engine: SwitchboardProcess | undefined;
  let channel: RecordingChannel;
  let db: Reader;

  beforeAll(async () => {
    // The data directory itself is the temporary directory: as root, embedded-postgres chowns it
    // to the `postgres` user, who could not enter a subdirectory of this 0700 directory.
    dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-restart-proof-'));
    pgPort = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    // A bridge that takes its time keeps deliveries under way when Postgres goes.
    channel = await startRecordingChannel({ latencyMs: 150 });
    db = openReader(postgres.connectionString, 'switchboard');
  });

  afterAll(async () => {
    await engine?.kill();
    await channel?.close();
    await db?.close();
    await postgres?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the engine up, answers 503 while Postgres is down, and finishes every accepted event and message exactly once', async () => {
    const apiPort = await freePort();
    const api: Api = { baseUrl: `http://127.0.0.1:${apiPort}`, token: TOKEN };
    engine = spawnSwitchboard('start', {
      DATABASE_URL: postgres?.connectionString ?? '',
      SWITCHBOARD_ADMIN_TOKEN: TOKEN,
      PORT: String(apiPort),
      SWITCHBOARD_CHANNELS: `whatsapp=${channel.urlFor('start')}`,
      SWITCHBOARD_CHANNEL_SECRET: 'restart-proof-channel-secret',
    });
    const running = engine;
    const alive = () => assertRunning([running]);
    await waitForHealthy(api.baseUrl, [running]);
    const workload = await prepareWorkload(api, { agents: 10, capacity: 100 });

    // Health is watched all along, so the test sees what a load balancer would.
    const health: { at: number; status: number; code?: string }[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        try {
          const response = await fetch(`${api.baseUrl}/api/health`, { signal: AbortSignal.timeout(6000) });
          const body = (await response.json()) as { code?: string };
          health.push({ at: Date.now(), status: response.status, ...(body.code === undefined ? {} : { code: body.code }) });
        } catch {
          health.push({ at: Date.now(), status: 0 });
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    const load = startLoad(api, { prefix: 'restart', eventsPerSecond: 4, messagesPerSecond: 4, maxEach: 60 });
    const figures: Record<string, number>[] = [];
    try {
      for (let restart = 1; restart <= 2; restart += 1) {
        // Some work done and more in flight: runs waiting on their timer, deliveries queued or under way.
        let inFlight: Record<string, number> = {};
        await until(
          async () => {
            inFlight = {
              waitingRuns: await countRuns(db, workload.eventWorkflowId, 'waiting'),
              runningRuns: await db.count("select count(*) from runs where status = 'running'"),
              pendingDeliveries: await db.count("select count(*) from messages where direction = 'out' and delivery_status = 'pending'"),
            };
            return load.acceptedCount() >= 20 * restart && (inFlight.waitingRuns ?? 0) > 0 && (inFlight.pendingDeliveries ?? 0) > 0;
          },
          alive,
          60_000,
        );
        const down = Date.now();
        await postgres?.stop();
        postgres = undefined;
        await until(async () => health.some((entry) => entry.at > down && entry.status === 503), alive, 20_000);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - down))));
        alive();
        postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
        const up = Date.now();
        const backAt = new Date(up);
        await waitForHealthy(api.baseUrl, [running], 60_000).catch((error: unknown) => {
          throw new Error(`restart ${restart}: ${JSON.stringify({ figures, inFlight, lastHealth: health.slice(-5) })}`, { cause: error });
        });
        const healthy = Date.now();
        // Runs move again: waits that came due during the outage and new work finish.
        await until(async () => (await countRuns(db, workload.eventWorkflowId, 'completed', backAt)) > 0, alive, 60_000);
        figures.push({ restart, ...inFlight, outageMs: up - down, healthyAfterMs: healthy - up, runsResumedAfterMs: Date.now() - up });
      }
      alive();
    } finally {
      watching = false;
      await watcher;
    }
    const result = await load.stop();
    await waitForLoadDone(db, workload, result, channel, { timeoutMs: 90_000, whileWaiting: alive });
    const answers = await expectExactlyOnce(db, workload, result, channel);

    // Refused while Postgres was down: 503 with the outage's code, never a 500.
    const refusedWith = Object.keys(result.refusals);
    expect(
      refusedWith.filter((outcome) => !outcome.startsWith('503 ')),
      describeProcesses([running]),
    ).toEqual([]);
    expect(refusedWith).toContain('503 DATABASE_UNAVAILABLE');
    expect(health.filter((entry) => entry.status === 503).every((entry) => entry.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect(health.at(-1)?.status).toBe(200);
    alive();
    // Each outage is one warn line (and one info line when it ends), never an error per connection or job.
    const logged = logLines(running.output());
    expect(
      Object.keys(logged).filter((line) => line.startsWith('error ')),
      describeProcesses([running]),
    ).toEqual([]);
    expect(logged[OUTAGE_STARTED]).toBeGreaterThanOrEqual(2);
    const figuresLine = {
      figures,
      logged,
      accepted: { events: result.events.length, messages: result.messages.length },
      refusals: result.refusals,
      repeatedDeliveries: repeatedDeliveries(channel),
      answerLatency: percentiles(answers.map((answer) => answer.acceptedAt - answer.writtenAt)),
    };
    process.stdout.write(`database restart proof: ${JSON.stringify(figuresLine)}\n`);
  }, 300_000);
});

/** The engine's JSON log lines, counted by level and message. */
function logLines(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { level, msg } = JSON.parse(line) as { level: string; msg: string };
    counts[`${level} ${msg}`] = (counts[`${level} ${msg}`] ?? 0) + 1;
  }
  return counts;
}
