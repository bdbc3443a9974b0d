import { createBoss, type PgBoss } from '../../engine/src/runtime/queue.ts';
import type { TestSchema } from './test-database.ts';

/**
 * A pg-boss of the test's own on the engine's queue schema (`<schema>_boss`), for tests that
 * deliver jobs the way pg-boss would (a redelivery, a cron tick) or read schedules: the engine
 * does not hand out its own. Start it after the engine has started; stop it in `afterAll`.
 */
export async function startTestBoss(schema: Pick<TestSchema, 'databaseUrl' | 'schema'>): Promise<PgBoss> {
  const boss = createBoss({ connectionString: schema.databaseUrl, schema: `${schema.schema}_boss`, maxConnections: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  return boss;
}
