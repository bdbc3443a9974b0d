/**
 * The inbox's migration left the engine's chain for the inbox plugin's own. A database
 * migrated the old way (engine chain 0001-initial, 0002-inbox, 0003-run-order) must start
 * with the new code: the record of 0002-inbox moves to the inbox's chain, nothing runs twice,
 * and the inbox's rows are intact.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { createInbox, type Inbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import * as initial from '../../engine/src/store/migrations/0001-initial.ts';
import * as runOrder from '../../engine/src/store/migrations/0003-run-order.ts';
import { inboxMigrations } from '../../engine/src/store/inbox/inbox-migrations.ts';
import * as inboxTables from '../../engine/src/store/inbox/migrations/0001-inbox.ts';
import { connectTestDatabase, createTestSchema, type TestSchema } from '../support/test-database.ts';

/** The engine's chain as it shipped before the inbox became a plugin. */
async function migrateTheOldWay(db: Kysely<unknown>, schema: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ '0001-initial': initial, '0002-inbox': inboxTables, '0003-run-order': runOrder }) },
    migrationTableSchema: schema,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

/** The new code on the schema: an engine with the inbox plugin, started, its log lines kept in `lines`. */
async function startNewCode(
  schema: TestSchema,
  lines: string[],
  inbox: Inbox = createInbox({ channels: [testChannel()], nodes: createInboxPack }),
): Promise<Engine> {
  const engine = createEngine({
    databaseUrl: schema.databaseUrl,
    schema: schema.schema,
    nodes: corePack,
    plugins: [inbox.plugin],
    runWorkers: false,
    logger: createLogger('info', {}, (line) => lines.push(line)),
  });
  await engine.start();
  return engine;
}

describe('a database that ran 0002-inbox in the engine chain', () => {
  let schema: TestSchema;
  let db: Kysely<any>;
  let recordedAt: string;

  beforeAll(async () => {
    schema = await createTestSchema();
    db = connectTestDatabase(schema);
    await migrateTheOldWay(db, schema.schema);
    await sql`insert into teams (name) values ('Ventas')`.execute(db);
    await sql`insert into agents (name, email, status, capacity) values ('Ana', 'ana@example.com', 'online', 3)`.execute(db);
    recordedAt = (await sql<{ timestamp: string }>`select timestamp from schema_migrations where name = '0002-inbox'`.execute(db)).rows[0]?.timestamp as string;
  });
  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it('starts with the new code, moves the record to the inbox chain and runs nothing twice', async () => {
    const lines: string[] = [];
    const engine = await startNewCode(schema, lines);
    await engine.stop({ timeoutMs: 1000 });

    const engineChain = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
    expect(engineChain.rows.map((row) => row.name)).toEqual([
      '0001-initial',
      '0003-run-order',
      '0004-schedule-keys',
      '0006-workflow-revisions',
      '0007-workflow-archive',
      '0008-retention',
      '0009-secrets',
      '0010-run-chain',
      '0011-people',
      '0012-flow-editor',
      '0013-run-list',
      '0014-live-counts',
      '0015-step-explanations',
      '0016-tests',
    ]);
    const inboxChain = await sql<{ name: string; timestamp: string }>`select name, timestamp from inbox_schema_migrations order by name`.execute(db);
    expect(inboxChain.rows[0]).toEqual({ name: '0001-inbox', timestamp: recordedAt });
    // The inbox's later migrations run after the adopted one.
    expect(inboxChain.rows.map((row) => row.name)).toEqual(Object.keys(inboxMigrations));
    const logged = lines.map((line) => JSON.parse(line) as { msg?: string; message?: string; adopted?: string[]; applied?: string[] });
    expect(logged.find((line) => line.adopted !== undefined)?.adopted).toEqual(['inbox:0001-inbox']);
    // Only the migrations newer than the old chain run; the adopted inbox migration does not run again.
    expect(logged.find((line) => line.applied !== undefined)?.applied).toEqual([
      '0004-schedule-keys',
      '0006-workflow-revisions',
      '0007-workflow-archive',
      '0008-retention',
      '0009-secrets',
      '0010-run-chain',
      '0011-people',
      '0012-flow-editor',
      '0013-run-list',
      '0014-live-counts',
      '0015-step-explanations',
      '0016-tests',
      ...Object.keys(inboxMigrations)
        .slice(1)
        .map((name) => `inbox:${name}`),
    ]);
  });

  it('keeps the inbox rows, and the inbox works on them', async () => {
    const teams = await sql<{ name: string }>`select name from teams`.execute(db);
    expect(teams.rows).toEqual([{ name: 'Ventas' }]);
    const lines: string[] = [];
    const inbox = createInbox({ channels: [testChannel()], nodes: createInboxPack });
    const engine = await startNewCode(schema, lines, inbox);
    try {
      // The unique email index of the moved migration still holds.
      await expect(engine.transaction((trx) => inbox.createAgent(trx, { name: 'Ana B', email: 'ANA@example.com' }))).rejects.toMatchObject({
        code: 'INBOX_EMAIL_TAKEN',
        status: 409,
      });
      const agent = await engine.transaction((trx) => inbox.createAgent(trx, { name: 'Luis', email: 'luis@example.com' }));
      expect(agent.name).toBe('Luis');
      // The team made before 0005-round-robin-turns takes turns from the sequence that migration gave it.
      const ventas = (await sql<{ id: string }>`select id from teams where name = 'Ventas'`.execute(db)).rows[0]?.id ?? '';
      await engine.transaction((trx) => inbox.updateTeam(trx, ventas, { agentIds: [agent.id] }));
      const { conversation } = await engine.transaction((trx) =>
        inbox.receiveMessage(trx, { channel: 'test', contact: { externalId: 'old-team', name: 'Old team' }, text: 'hola' }),
      );
      const criteria = { target: { kind: 'team', id: ventas }, strategy: 'round_robin', onlyOnline: false, capacityLimit: null, sticky: false } as const;
      const outcome = await engine.transaction((trx) => inbox.assignByRule(trx, { conversationId: conversation.id, criteria }));
      expect(outcome).toMatchObject({ kind: 'assigned', agent: { id: agent.id } });
    } finally {
      await engine.stop({ timeoutMs: 1000 });
    }
    // A second start finds everything in place: nothing to hand over, nothing to apply.
    expect(lines.some((line) => line.includes('"adopted"') || line.includes('"applied"'))).toBe(false);
  });

  it('refuses a database whose inbox chain has a migration this code does not know', async () => {
    await sql`insert into inbox_schema_migrations (name, timestamp) values ('0099-from-the-future', ${new Date().toISOString()})`.execute(db);
    try {
      await expect(startNewCode(schema, [])).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW', message: expect.stringContaining('"inbox" plugin') });
    } finally {
      await sql`delete from inbox_schema_migrations where name = '0099-from-the-future'`.execute(db);
    }
  });
});

describe('a fresh database', () => {
  let schema: TestSchema;
  let db: Kysely<any>;
  beforeAll(async () => {
    schema = await createTestSchema();
    db = connectTestDatabase(schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it('runs the engine chain, then the inbox chain in its own table', async () => {
    const lines: string[] = [];
    const engine = await startNewCode(schema, lines);
    await engine.stop({ timeoutMs: 1000 });
    const applied = lines.map((line) => JSON.parse(line) as { applied?: string[] }).find((line) => line.applied !== undefined)?.applied;
    const inboxChain = Object.keys(inboxMigrations);
    expect(applied?.slice(-inboxChain.length)).toEqual(inboxChain.map((name) => `inbox:${name}`));
    expect(applied).not.toContain('0002-inbox');
    const engineChain = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    expect(engineChain.rows.map((row) => row.name)).not.toContain('0002-inbox');
    expect((await sql<{ name: string }>`select name from inbox_schema_migrations order by name`.execute(db)).rows.map((row) => row.name)).toEqual(inboxChain);
  });
});
