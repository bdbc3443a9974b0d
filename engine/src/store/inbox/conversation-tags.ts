import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';

/** What a tag change actually did: tags already present (or absent) are not reported again. */
export interface TagChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly tags: readonly string[];
}

/**
 * Adds and removes a conversation's tags. Each list is one array parameter (`unnest`, `any`),
 * not one parameter per tag, so no list a node hands over can reach Postgres's limit of 65,535
 * bind parameters per statement.
 */
export async function changeConversationTags(
  db: InboxDatabase,
  conversationId: string,
  change: { readonly add: readonly string[]; readonly remove: readonly string[]; readonly now: Date },
): Promise<TagChange> {
  const added =
    change.add.length === 0
      ? []
      : await db
          .insertInto('conversation_tags')
          .columns(['conversation_id', 'tag', 'created_at'])
          .expression(sql`select ${conversationId}::uuid, tag, ${change.now}::timestamptz from unnest(${change.add}::text[]) as tag`)
          .onConflict((oc) => oc.columns(['conversation_id', 'tag']).doNothing())
          .returning('tag')
          .execute();
  const removed =
    change.remove.length === 0
      ? []
      : await db
          .deleteFrom('conversation_tags')
          .where('conversation_id', '=', conversationId)
          .where('tag', '=', sql<string>`any(${change.remove}::text[])`)
          .returning('tag')
          .execute();
  const tags = await db.selectFrom('conversation_tags').select('tag').where('conversation_id', '=', conversationId).orderBy('tag').execute();
  return { added: added.map((row) => row.tag), removed: removed.map((row) => row.tag), tags: tags.map((row) => row.tag) };
}
