import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';

/** A tag in use, and on how many contacts and conversations. */
export interface KnownTag {
  readonly name: string;
  readonly contacts: number;
  readonly conversations: number;
}

/**
 * The tags in use on contacts and conversations, the most used first (then by name), for a
 * tag picker: `query` keeps those containing it in any case. One grouped scan of each tag
 * table; counting is bounded by the tags that match, not by the page returned.
 */
export async function listKnownTags(db: InboxDatabase, filter: { readonly query?: string; readonly limit: number }): Promise<KnownTag[]> {
  const pattern = filter.query === undefined || filter.query === '' ? undefined : `%${filter.query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const contactTags = db
    .selectFrom('contact_tags')
    .select(['tag', sql<number>`1`.as('on_contact'), sql<number>`0`.as('on_conversation')])
    .$if(pattern !== undefined, (query) => query.where('tag', 'ilike', pattern as string));
  const conversationTags = db
    .selectFrom('conversation_tags')
    .select(['tag', sql<number>`0`.as('on_contact'), sql<number>`1`.as('on_conversation')])
    .$if(pattern !== undefined, (query) => query.where('tag', 'ilike', pattern as string));
  const rows = await db
    .selectFrom(contactTags.unionAll(conversationTags).as('used'))
    .select(['used.tag', sql<string>`sum(used.on_contact)`.as('contacts'), sql<string>`sum(used.on_conversation)`.as('conversations')])
    .groupBy('used.tag')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('used.tag')
    .limit(filter.limit)
    .execute();
  // sum() of integers is a bigint, which pg hands over as text.
  return rows.map((row) => ({ name: row.tag, contacts: Number(row.contacts), conversations: Number(row.conversations) }));
}
