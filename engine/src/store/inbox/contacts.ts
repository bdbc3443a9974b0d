import { sql, type Selectable } from 'kysely';
import type { ContactsTable, InboxDatabase } from './database.ts';
import type { TagChange } from './conversation-tags.ts';

export interface ContactIdentity {
  readonly channel: string;
  readonly externalId: string;
}

export interface Contact {
  readonly id: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  /** Custom field values by field key (see contact-fields.ts for their definitions). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly identities: readonly ContactIdentity[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

type ContactRow = Selectable<ContactsTable> & { tags: string[] | null; identities: ContactIdentity[] | null };

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    fields: row.fields,
    tags: row.tags ?? [],
    identities: row.identities ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectContacts(db: InboxDatabase) {
  return db
    .selectFrom('contacts')
    .selectAll('contacts')
    .select([
      sql<string[] | null>`array(select tag from contact_tags where contact_tags.contact_id = contacts.id order by tag)`.as('tags'),
      sql<
        ContactIdentity[] | null
      >`(select json_agg(json_build_object('channel', channel, 'externalId', external_id) order by channel, external_id) from contact_identities where contact_identities.contact_id = contacts.id)`.as(
        'identities',
      ),
    ]);
}

export async function findContact(db: InboxDatabase, id: string): Promise<Contact | undefined> {
  const row = await selectContacts(db).where('contacts.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toContact(row);
}

export async function listContacts(db: InboxDatabase, filter: { readonly query?: string; readonly tag?: string; readonly limit: number }): Promise<Contact[]> {
  // Test chats' pretend customers are nobody's contacts (docs/ARCHITECTURE.md "Test chat").
  let query = selectContacts(db).where('contacts.test_id', 'is', null).orderBy('contacts.created_at', 'desc').orderBy('contacts.id').limit(filter.limit);
  if (filter.query !== undefined && filter.query !== '') {
    const pattern = `%${filter.query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) => eb.or([eb('contacts.name', 'ilike', pattern), eb('contacts.email', 'ilike', pattern), eb('contacts.phone', 'ilike', pattern)]));
  }
  if (filter.tag !== undefined) {
    const { tag } = filter;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('contact_tags').select('tag').whereRef('contact_tags.contact_id', '=', 'contacts.id').where('contact_tags.tag', '=', tag)),
    );
  }
  return (await query.execute()).map(toContact);
}

export async function findContactIdByIdentity(db: InboxDatabase, identity: ContactIdentity): Promise<string | undefined> {
  const row = await db
    .selectFrom('contact_identities')
    .select('contact_id')
    .where('channel', '=', identity.channel)
    .where('external_id', '=', identity.externalId)
    .executeTakeFirst();
  return row?.contact_id;
}

/**
 * Creates a contact with its first identity, in one statement; undefined, creating nothing, when
 * the identity is another contact's already. Two first messages of a new contact at once create
 * one contact: the identity's primary key makes the second insert wait for the first's
 * transaction, then do nothing once it commits (or go ahead if it rolls back), so no lock is
 * needed before it. The identity row goes in first, naming the contact's id ahead of the
 * contact's own insert: the foreign key is checked at the end of the statement.
 */
export async function insertContact(
  db: InboxDatabase,
  input: { readonly identity: ContactIdentity; readonly name: string | null; readonly phone: string | null; readonly email: string | null; readonly now: Date },
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    with identity as (
      insert into contact_identities (channel, external_id, contact_id, created_at)
      values (${input.identity.channel}, ${input.identity.externalId}, gen_random_uuid(), ${input.now})
      on conflict (channel, external_id) do nothing
      returning contact_id
    )
    insert into contacts (id, name, phone, email, fields, created_at, updated_at)
    select contact_id, ${input.name}::text, ${input.phone}::text, ${input.email}::text, '{}', ${input.now}::timestamptz, ${input.now}::timestamptz from identity
    returning id
  `.execute(db);
  return rows[0]?.id;
}

/** Fills in details a channel reports, never overwriting what the team entered. */
export async function fillContactDetails(
  db: InboxDatabase,
  id: string,
  details: { readonly name?: string; readonly phone?: string; readonly email?: string },
  now: Date,
): Promise<void> {
  const given = (['name', 'phone', 'email'] as const).filter((field) => details[field] !== undefined);
  if (given.length === 0) return;
  await db
    .updateTable('contacts')
    .set((eb) => ({
      name: eb.fn.coalesce('name', eb.val(details.name ?? null)),
      phone: eb.fn.coalesce('phone', eb.val(details.phone ?? null)),
      email: eb.fn.coalesce('email', eb.val(details.email ?? null)),
      updated_at: now,
    }))
    .where('id', '=', id)
    // Only when it fills something in; Kysely puts the alternatives in parentheses of their own.
    .where((eb) => eb.or(given.map((field) => eb(field, 'is', null))))
    .execute();
}

export interface ContactChanges {
  readonly name?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  /** Field values to set; null removes a value. Merged into the existing ones. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export async function updateContact(db: InboxDatabase, id: string, changes: ContactChanges, now: Date): Promise<boolean> {
  const set = Object.entries(changes.fields ?? {});
  const removed = set.filter(([, value]) => value === null).map(([key]) => key);
  const merged = Object.fromEntries(set.filter(([, value]) => value !== null));
  const row = await db
    .updateTable('contacts')
    .set({
      updated_at: now,
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.phone === undefined ? {} : { phone: changes.phone }),
      ...(changes.email === undefined ? {} : { email: changes.email }),
      // One statement merges and removes, so concurrent changes to different fields both survive.
      ...(changes.fields === undefined ? {} : { fields: sql<string>`(fields || ${JSON.stringify(merged)}::jsonb) - ${removed}::text[]` }),
    })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds and removes a contact's tags, each list one array parameter (see changeConversationTags). */
export async function changeContactTags(
  db: InboxDatabase,
  contactId: string,
  change: { readonly add: readonly string[]; readonly remove: readonly string[]; readonly now: Date },
): Promise<TagChange> {
  const added =
    change.add.length === 0
      ? []
      : await db
          .insertInto('contact_tags')
          .columns(['contact_id', 'tag', 'created_at'])
          .expression(sql`select ${contactId}::uuid, tag, ${change.now}::timestamptz from unnest(${change.add}::text[]) as tag`)
          .onConflict((oc) => oc.columns(['contact_id', 'tag']).doNothing())
          .returning('tag')
          .execute();
  const removed =
    change.remove.length === 0
      ? []
      : await db
          .deleteFrom('contact_tags')
          .where('contact_id', '=', contactId)
          .where('tag', '=', sql<string>`any(${change.remove}::text[])`)
          .returning('tag')
          .execute();
  const tags = await db.selectFrom('contact_tags').select('tag').where('contact_id', '=', contactId).orderBy('tag').execute();
  return { added: added.map((row) => row.tag), removed: removed.map((row) => row.tag), tags: tags.map((row) => row.tag) };
}

/** Creates a test chat's pretend customer, known on the test channel by the test's id. */
export async function insertTestContact(
  db: InboxDatabase,
  input: { readonly testId: string; readonly channel: string; readonly name: string; readonly now: Date },
): Promise<string> {
  const row = await db
    .insertInto('contacts')
    .values({ name: input.name, phone: null, email: null, fields: '{}', test_id: input.testId, created_at: input.now, updated_at: input.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('contact_identities').values({ channel: input.channel, external_id: input.testId, contact_id: row.id, created_at: input.now }).execute();
  return row.id;
}

/** The test chat a contact is the pretend customer of; null for a real contact. */
export async function findContactTestId(db: InboxDatabase, contactId: string): Promise<string | null> {
  const row = await db.selectFrom('contacts').select('test_id').where('id', '=', contactId).executeTakeFirst();
  return row?.test_id ?? null;
}

/** The contact of a test chat. */
export async function findTestContactId(db: InboxDatabase, testId: string): Promise<string | undefined> {
  const row = await db.selectFrom('contacts').select('id').where('test_id', '=', testId).orderBy('created_at').limit(1).executeTakeFirst();
  return row?.id;
}
