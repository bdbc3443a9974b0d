/**
 * Inbox migration 0002-agent-users on a database that already has agents and people: each
 * agent is linked to the person with its email (without case), and nobody else's.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../../test/support/test-database.ts';
import type { DB } from '../database.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { inboxMigrations } from './inbox-migrations.ts';

let schema: TestSchema;
let db: Kysely<DB>;

beforeAll(async () => {
  schema = await createTestSchema();
  db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.databaseUrl, options: `-c search_path=${schema.schema},public` }) }),
  });
});

afterAll(async () => {
  await db?.destroy();
  await schema?.drop();
});

describe('inbox migration 0002-agent-users', () => {
  it('links the agents made before it to the people with their email, and leaves the rest without one', async () => {
    const before = Object.fromEntries(Object.entries(inboxMigrations).filter(([name]) => name < '0002-agent-users'));
    await migrateDatabase(db, schema.schema, [{ name: 'inbox', migrations: before }]);
    await sql`
      insert into users (name, email, role) values ('Lucía', 'lucia@example.com', 'agent'), ('Omar', 'omar@example.com', 'admin');
      insert into agents (name, email) values ('Lucía', 'Lucia@Example.com'), ('Nadie', 'nobody@example.com');
    `.execute(db);

    const upTo = Object.fromEntries(Object.entries(inboxMigrations).filter(([name]) => name <= '0002-agent-users'));
    const { applied } = await migrateDatabase(db, schema.schema, [{ name: 'inbox', migrations: upTo }]);
    expect(applied).toEqual(['inbox:0002-agent-users']);

    const { rows } = await sql<{ agent: string; person: string | null }>`
      select agents.name as agent, users.name as person from agents left join users on users.id = agents.user_id order by agents.name
    `.execute(db);
    expect(rows).toEqual([
      { agent: 'Lucía', person: 'Lucía' },
      { agent: 'Nadie', person: null },
    ]);
    // A person has one profile at most.
    await expect(sql`update agents set user_id = (select id from users where email = 'lucia@example.com')`.execute(db)).rejects.toMatchObject({
      code: '23505',
    });
  });
});
