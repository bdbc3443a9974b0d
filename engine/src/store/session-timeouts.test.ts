import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../test/support/test-database.ts';
import { createBoss } from '../runtime/queue.ts';
import { readConfig } from '../config.ts';
import { connectDatabase } from './connect-database.ts';

const SHOW = ['lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout'] as const;

describe('database session timeouts', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema?.drop());

  it("sets lock, statement and idle-in-transaction timeouts on the engine's sessions, 10 s / 60 s / 120 s by default", async () => {
    const configured = connectDatabase({
      connectionString: schema.databaseUrl,
      schema: schema.schema,
      sessionTimeouts: { lockTimeoutMs: 1500, statementTimeoutMs: 2500, idleInTransactionTimeoutMs: 3500 },
    });
    const defaults = connectDatabase({ connectionString: schema.databaseUrl, schema: schema.schema });
    try {
      const show = async (db: typeof configured.db) =>
        Promise.all(SHOW.map(async (name) => (await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(db)).rows[0]?.[name]));
      expect(await show(configured.db)).toEqual(['1500ms', '2500ms', '3500ms']);
      expect(await show(defaults.db)).toEqual(['10s', '1min', '11min']);
      // The search path still comes first: the options string carries both.
      expect((await sql<{ search_path: string }>`show search_path`.execute(configured.db)).rows[0]?.search_path).toBe(`${schema.schema},public`);
    } finally {
      await configured.close();
      await defaults.close();
    }
  });

  it("sets the same timeouts on pg-boss's sessions", async () => {
    const boss = createBoss({
      connectionString: schema.databaseUrl,
      schema: `${schema.schema}_boss`,
      sessionTimeouts: { lockTimeoutMs: 1500, statementTimeoutMs: 2500, idleInTransactionTimeoutMs: 3500 },
    });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      const values = await Promise.all(SHOW.map(async (name) => (await boss.getDb().executeSql(`show ${name}`)).rows[0]?.[name]));
      expect(values).toEqual(['1500ms', '2500ms', '3500ms']);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });

  it('reads the timeouts from the environment', () => {
    const config = readConfig(
      { SWITCHBOARD_DB_LOCK_TIMEOUT_MS: '2000', SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS: '0', SWITCHBOARD_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '90000' },
      '/tmp',
    );
    expect(config.sessionTimeouts).toEqual({ lockTimeoutMs: 2000, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 90_000 });
    expect(readConfig({}, '/tmp').sessionTimeouts).toEqual({ lockTimeoutMs: 10_000, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 660_000 });
    expect(() => readConfig({ SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS: '5s' }, '/tmp')).toThrow(/SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS must be a whole number/);
  });
});
