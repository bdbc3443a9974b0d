/**
 * Every queue the engine and its plugins create has a heartbeat (runtime/queue.ts,
 * JOB_HEARTBEAT_SECONDS), so a killed worker's job is retried within seconds rather than at its
 * 15-minute expiry; a database made by an older version, whose queues had none, gets it at the
 * next start. test/reliability/killed-worker-outbox.test.ts shows what it buys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { createInbox } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { startTestBoss } from '../support/test-boss.ts';

describe('queue heartbeats', () => {
  let schema: TestSchema;
  let engine: Engine | undefined;

  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await engine?.stop({ timeoutMs: 5000 });
    await schema?.drop();
  });

  it('gives every queue of the engine and the inbox a heartbeat, also queues an older version made without one', async () => {
    // As a version before heartbeats left them: the outbox, the assignment queue and the schedule queue with none.
    const boss = await startTestBoss(schema);
    try {
      await boss.createQueue('inbox-outbox', { policy: 'key_strict_fifo', retryLimit: 10_000 });
      await boss.createQueue('inbox-assignment', { retryLimit: 10 });
      await boss.createQueue('switchboard-schedule', { retryLimit: 5 });
    } finally {
      await boss.stop({ graceful: false });
    }

    const inbox = createInbox({ nodes: createInboxPack });
    engine = createEngine({ databaseUrl: schema.databaseUrl, schema: schema.schema, nodes: corePack, plugins: [inbox.plugin], logger: createLogger('error') });
    await engine.start();

    const client = new pg.Client({ connectionString: schema.databaseUrl });
    await client.connect();
    try {
      // pg-boss's own `__pgboss__send-it` (it forwards cron ticks, in milliseconds) is left as pg-boss makes it.
      const { rows } = await client.query<{ name: string; heartbeat_seconds: number | null }>(
        `select name, heartbeat_seconds from "${schema.schema}_boss".queue where left(name, 10) <> '__pgboss__' order by name`,
      );
      expect(rows.map((row) => row.name)).toEqual([
        'inbox-assignment',
        'inbox-outbox',
        'switchboard-maintenance',
        'switchboard-run',
        'switchboard-run-dead',
        'switchboard-run-timer',
        'switchboard-schedule',
      ]);
      expect(rows.filter((row) => row.heartbeat_seconds !== 10)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
