/**
 * Benchmark: inbound message to assignment, the inbox's routing path end to
 * end on this machine's Postgres (embedded unless DATABASE_URL). Prints
 * figures; asserts nothing. Run with `pnpm bench:inbox`.
 *
 * The flow is the bundled `sales-round-robin` template (conversation opened ->
 * assign round robin among online agents within capacity) plus
 * `assigned-agent-message` (assigned -> "te atiende {{ trigger.data.agentName }}"), with
 * 20 online agents of ample capacity. Latency is measured in Postgres: from the
 * inbound message row to the assigning run's finish.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createEngine, createLogger } from '@switchboard/engine';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas, latencyPercentiles } from './latency-percentiles.ts';
import { connectTestDatabase } from '../support/test-database.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const channel = testChannel();
const inbox = createInbox({ channels: [channel], nodes: createInboxPack });
const engine = createEngine({
  databaseUrl,
  schema,
  nodes: corePack,
  plugins: [inbox.plugin],
  templatesDir: path.join(root, 'templates'),
  logger: createLogger('error'),
  workerConcurrency: Number(process.env.BENCH_WORKERS ?? 16),
  maxConnections: 24,
});
await engine.start();
// Rows are read beside the engine, on a connection of the bench's own.
const db = connectTestDatabase({ databaseUrl, schema });

try {
  for (let n = 0; n < 20; n += 1) {
    await engine.transaction((db) => inbox.createAgent(db, { name: `Agente ${n}`, email: `agent${n}@bench.test`, status: 'online', capacity: 100_000 }));
  }
  for (const id of ['sales-round-robin', 'assigned-agent-message']) {
    const { workflow } = await engine.importTemplate(id, { language: 'es', parameters: {} });
    await engine.publishWorkflow(workflow.id);
  }
  const receive = (n: number) =>
    engine.transaction((db) =>
      inbox.receiveMessage(db, { channel: 'test', contact: { externalId: `contact-${n}`, name: `Cliente ${n}` }, text: 'Hola, quiero información' }),
    );
  const assignedCount = async (prefix: string) =>
    Number(
      (
        await sql<{ count: string }>`
          select count(*) from conversations c join contacts p on p.id = c.contact_id
          where c.assignee_id is not null and p.name like ${`${prefix}%`}`.execute(db)
      ).rows[0]?.count,
    );

  // Phase 1: as fast as CONCURRENCY clients can send.
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) await receive(next++);
    }),
  );
  const received = performance.now();
  while ((await assignedCount('Cliente ')) < MESSAGES) await new Promise((resolve) => setTimeout(resolve, 50));
  const assigned = performance.now();

  // Let phase 1's tail (assigned-agent messages, deliveries) drain so phase 2 starts idle.
  for (;;) {
    const busy = await sql<{ runs: string; deliveries: string }>`
      select (select count(*) from runs where status = 'running') as runs,
             (select count(*) from messages where delivery_status = 'pending') as deliveries`.execute(db);
    if (Number(busy.rows[0]?.runs) === 0 && Number(busy.rows[0]?.deliveries) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // Phase 2: a steady RATE per second, for latency that is not queueing.
  const pacedStart = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < RATE * PACED_SECONDS; n += 1) {
    const wait = pacedStart + (n * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      engine.transaction((db) => inbox.receiveMessage(db, { channel: 'test', contact: { externalId: `paced-${n}`, name: `Pausado ${n}` }, text: 'Hola' })),
    );
  }
  await Promise.all(sends);
  while ((await assignedCount('Pausado ')) < RATE * PACED_SECONDS) await new Promise((resolve) => setTimeout(resolve, 50));

  const latency = (prefix: string) =>
    latencyPercentiles(
      db,
      sql`
        select extract(epoch from r.finished_at - m.created_at) * 1000 as ms
        from runs r
        join workflows w on w.id = r.workflow_id and w.name like 'Asignación%'
        join conversations c on r.subject = 'conversation:' || c.id
        join contacts p on p.id = c.contact_id and p.name like ${`${prefix}%`}
        join messages m on m.conversation_id = c.id and m.direction = 'in'`,
    );
  console.log(
    JSON.stringify(
      {
        messages: MESSAGES,
        clients: CONCURRENCY,
        inboundPerSecond: Math.round(MESSAGES / ((received - started) / 1000)),
        routedConversationsPerSecond: Math.round(MESSAGES / ((assigned - started) / 1000)),
        inboundToAssignedMsAtSaturation: await latency('Cliente '),
        pacedRatePerSecond: RATE,
        inboundToAssignedMsAtPacedRate: await latency('Pausado '),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      },
      null,
      2,
    ),
  );
} finally {
  await db.destroy();
  await engine.stop({ timeoutMs: 5000 });
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await embedded?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
