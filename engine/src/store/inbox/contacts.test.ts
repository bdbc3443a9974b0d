/**
 * A new contact's insert with no lock before it (insertContact): the identity's primary key alone
 * must make concurrent first messages create one contact, and a losing insert leave nothing behind.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../../test/support/test-database.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { inboxMigrations } from './inbox-migrations.ts';
import type { DB } from '../database.ts';
import { findContactIdByIdentity, insertContact } from './contacts.ts';
import { findInboundMessageAndContact, insertMessage } from './messages.ts';
import { insertOpenConversation } from './conversations.ts';
import type { InboxDB } from './database.ts';

let schema: TestSchema;
let db: Kysely<InboxDB>;
const now = new Date('2025-07-01T10:00:00.000Z');

beforeAll(async () => {
  schema = await createTestSchema();
  const options = { connectionString: schema.databaseUrl, options: `-c search_path=${schema.schema},public` };
  const migrator = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool(options) }) });
  await migrateDatabase(migrator, schema.schema, [{ name: 'inbox', migrations: inboxMigrations }]);
  await migrator.destroy();
  db = new Kysely<InboxDB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...options, max: 10 }) }) });
});

afterAll(async () => {
  await db?.destroy();
  await schema?.drop();
});

const contactCount = async () => Number((await sql<{ count: string }>`select count(*) from contacts`.execute(db)).rows[0]?.count);
const details = (externalId: string) => ({ identity: { channel: 'whatsapp', externalId }, name: 'Lucía', phone: '+34600000000', email: null, now });

/** Until a backend of this test waits on a lock in a contact insert (pg_stat_activity). */
async function waitForLockWait(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await sql<{ count: string }>`
      select count(*) from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into contact_identities%'
    `.execute(db);
    if (Number(rows[0]?.count) > 0) return;
    if (Date.now() > deadline) throw new Error('the second insert never waited on the first');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('insertContact', () => {
  it('creates the contact with its identity, and nothing when the identity is taken', async () => {
    const id = await insertContact(db, details('first'));
    expect(id).toBeDefined();
    expect(await findContactIdByIdentity(db, { channel: 'whatsapp', externalId: 'first' })).toBe(id);
    const before = await contactCount();
    expect(await insertContact(db, { ...details('first'), name: 'Otra' })).toBeUndefined();
    expect(await contactCount()).toBe(before);
    const row = await db
      .selectFrom('contacts')
      .select(['name', 'phone', 'created_at'])
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Lucía', phone: '+34600000000', created_at: now });
  });

  it('makes a concurrent insert of the same identity wait, then create nothing once the first commits', async () => {
    const before = await contactCount();
    const ids = await Promise.all(Array.from({ length: 8 }, () => db.transaction().execute((trx) => insertContact(trx, details('twins')))));
    expect(ids.filter((id) => id !== undefined)).toHaveLength(1);
    expect(await contactCount()).toBe(before + 1);
  });

  it('lets the waiting insert create the contact when the first rolls back', async () => {
    let releaseFirst: () => void = () => {};
    const firstHolds = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstInserted: () => void = () => {};
    const inserted = new Promise<void>((resolve) => {
      firstInserted = resolve;
    });
    const first = db
      .transaction()
      .execute(async (trx) => {
        await insertContact(trx, details('undone'));
        firstInserted();
        await firstHolds;
        throw new Error('rolled back');
      })
      .catch((error: unknown) => error);
    await inserted;
    const second = db.transaction().execute((trx) => insertContact(trx, details('undone')));
    // Seen waiting on the first's uncommitted row before that one rolls back.
    await waitForLockWait();
    releaseFirst();
    expect(await first).toBeInstanceOf(Error);
    const id = await second;
    expect(id).toBeDefined();
    expect(await findContactIdByIdentity(db, { channel: 'whatsapp', externalId: 'undone' })).toBe(id);
  });
});

describe('findInboundMessageAndContact', () => {
  it("finds the identity's contact and the message a repeated key stored, each without the other", async () => {
    const contactId = await insertContact(db, details('reader'));
    expect(await findInboundMessageAndContact(db, { idempotencyKey: null, identity: { channel: 'whatsapp', externalId: 'reader' } })).toEqual({
      first: undefined,
      contactId,
    });
    expect(await findInboundMessageAndContact(db, { idempotencyKey: 'in:whatsapp:m1', identity: { channel: 'whatsapp', externalId: 'nobody' } })).toEqual({
      first: undefined,
      contactId: undefined,
    });
    const conversation = await insertOpenConversation(db, { contactId: contactId ?? '', channel: 'whatsapp', lastAssigneeId: null, now });
    const stored = await insertMessage(db, {
      conversationId: conversation?.id ?? '',
      direction: 'in',
      senderType: 'contact',
      senderAgentId: null,
      text: 'hola',
      attachments: [],
      isInternalNote: false,
      deliveryStatus: 'not_applicable',
      idempotencyKey: 'in:whatsapp:m1',
      now,
    });
    const found = await findInboundMessageAndContact(db, { idempotencyKey: 'in:whatsapp:m1', identity: { channel: 'whatsapp', externalId: 'reader' } });
    expect(found.contactId).toBe(contactId);
    expect(found.first).toEqual(stored.message);
  });
});
