/**
 * The capacity claim (promise 4) on compiled SQL and on rows, with real
 * concurrent transactions and no subject lock: the statements must hold the
 * invariants by themselves.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../../test/support/test-database.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { inboxMigrations } from './inbox-migrations.ts';
import type { DB } from '../database.ts';
import { insertAgent, type Agent } from './agents.ts';
import { claimAgentCapacity, claimConversationForAgent, findOpenCountDrift, releaseAgentCapacity, transferConversation } from './assignments.ts';
import { insertContact } from './contacts.ts';
import { insertOpenConversation } from './conversations.ts';
import type { InboxDB } from './database.ts';

let schema: TestSchema;
let pool: pg.Pool;
let db: Kysely<InboxDB>;
const statements: string[] = [];
const now = new Date('2025-07-01T10:00:00.000Z');
let sequence = 0;

beforeAll(async () => {
  schema = await createTestSchema();
  const options = { connectionString: schema.databaseUrl, options: `-c search_path=${schema.schema},public` };
  const migrator = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool(options) }) });
  await migrateDatabase(migrator, schema.schema, [{ name: 'inbox', migrations: inboxMigrations }]);
  await migrator.destroy();
  pool = new pg.Pool({ ...options, max: 20 });
  db = new Kysely<InboxDB>({ dialect: new PostgresDialect({ pool }), log: (event) => void statements.push(event.query.sql) });
});

afterAll(async () => {
  await db?.destroy();
  await schema?.drop();
});

async function agent(capacity: number, status: Agent['status'] = 'online'): Promise<Agent> {
  sequence += 1;
  const created = await insertAgent(db, { name: `Agent ${sequence}`, email: `store-agent-${sequence}@example.com`, status, capacity, now });
  if (typeof created === 'string') throw new Error(created);
  return created;
}

async function conversation(): Promise<string> {
  sequence += 1;
  const contactId = await insertContact(db, { identity: { channel: 'test', externalId: `store-${sequence}` }, name: null, phone: null, email: null, now });
  if (contactId === undefined) throw new Error('contact not created');
  const created = await insertOpenConversation(db, { contactId, channel: 'test', lastAssigneeId: null, now });
  if (created === undefined) throw new Error('conversation not opened');
  return created.id;
}

async function openCount(agentId: string): Promise<number> {
  const row = await db.selectFrom('agents').select('open_count').where('id', '=', agentId).executeTakeFirstOrThrow();
  return row.open_count;
}

describe('claimConversationForAgent', () => {
  it('decides capacity in one conditional update of the agent row, then takes only an unassigned open conversation', async () => {
    const ana = await agent(2);
    const conversationId = await conversation();
    statements.length = 0;
    await claimConversationForAgent(db, { conversationId, agentId: ana.id, capacityLimit: 1, onlyOnline: true, now });
    expect(statements[0]).toBe(
      // The unit is 0 for a conversation that holds no capacity (a test chat's, inbox migration 0004).
      'update "agents" set "open_count" = "open_count" + (select case when holds_capacity then 1 else 0 end from conversations where id = $1::uuid), "last_assigned_at" = $2 where "id" = $3 and "open_count" < least(capacity, $4) and "status" = $5 returning "id", "name", "email", "status", "capacity", "open_count"',
    );
    expect(statements[1]).toBe(
      'update "conversations" set "assignee_id" = $1, "last_assignee_id" = $2, "updated_at" = $3, "assigned_by_run_id" = $4, "assigned_by_node_id" = $5 where "id" = $6 and "assignee_id" is null and "status" = $7 returning "id"',
    );
    expect(statements).toHaveLength(2);
  });

  it('never passes capacity: 20 concurrent claims on an agent of capacity 3 assign exactly 3', async () => {
    const ana = await agent(3);
    const conversations = await Promise.all(Array.from({ length: 20 }, () => conversation()));
    const claimed = await Promise.all(
      conversations.map((conversationId) =>
        db.transaction().execute((trx) => claimConversationForAgent(trx, { conversationId, agentId: ana.id, capacityLimit: null, onlyOnline: true, now })),
      ),
    );
    expect(claimed.filter((result) => result !== undefined)).toHaveLength(3);
    expect(await openCount(ana.id)).toBe(3);
    expect(await findOpenCountDrift(db)).toEqual([]);
  });

  it('gives one conversation one assignee: 10 agents claiming it at once leave one assigned and no capacity taken by the others', async () => {
    const agents = await Promise.all(Array.from({ length: 10 }, () => agent(5)));
    const conversationId = await conversation();
    const claimed = await Promise.all(
      agents.map((candidate) =>
        db
          .transaction()
          .execute((trx) => claimConversationForAgent(trx, { conversationId, agentId: candidate.id, capacityLimit: null, onlyOnline: true, now })),
      ),
    );
    const winners = claimed.filter((result) => result !== undefined);
    expect(winners).toHaveLength(1);
    expect((await Promise.all(agents.map((candidate) => openCount(candidate.id)))).reduce((sum, count) => sum + count, 0)).toBe(1);
    const row = await db.selectFrom('conversations').select('assignee_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBe(winners[0]?.id);
  });

  it('respects a step limit below the capacity, and only-online', async () => {
    const ana = await agent(5);
    const away = await agent(5, 'away');
    await claimConversationForAgent(db, { conversationId: await conversation(), agentId: ana.id, capacityLimit: 1, onlyOnline: true, now });
    expect(await claimAgentCapacity(db, ana.id, { capacityLimit: 1, onlyOnline: true, now })).toBeUndefined();
    expect(await claimAgentCapacity(db, away.id, { capacityLimit: null, onlyOnline: true, now })).toBeUndefined();
    expect(await claimAgentCapacity(db, away.id, { capacityLimit: null, onlyOnline: false, now })).toMatchObject({ id: away.id, openCount: 1 });
    // Capacity claimed without a conversation, to test the statement alone: give it back.
    await releaseAgentCapacity(db, away.id);
  });

  it('moves capacity with a transfer and keeps it when the target is full', async () => {
    const from = await agent(1);
    const to = await agent(1);
    const conversationId = await conversation();
    await claimConversationForAgent(db, { conversationId, agentId: from.id, capacityLimit: null, onlyOnline: false, now });
    expect(
      await transferConversation(db, { conversationId, fromAgentId: from.id, toAgentId: to.id, capacityLimit: null, onlyOnline: false, now }),
    ).toMatchObject({ id: to.id });
    expect([await openCount(from.id), await openCount(to.id)]).toEqual([0, 1]);
    const other = await conversation();
    await claimConversationForAgent(db, { conversationId: other, agentId: from.id, capacityLimit: null, onlyOnline: false, now });
    expect(
      await transferConversation(db, { conversationId: other, fromAgentId: from.id, toAgentId: to.id, capacityLimit: null, onlyOnline: false, now }),
    ).toBeUndefined();
    expect([await openCount(from.id), await openCount(to.id)]).toEqual([1, 1]);
    expect(await findOpenCountDrift(db)).toEqual([]);
  });
});
