import type { InboxDatabase } from './database.ts';

/** What a tag change actually did: tags already present (or absent) are not reported again. */
export interface TagChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly tags: readonly string[];
}

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
          .values(change.add.map((tag) => ({ conversation_id: conversationId, tag, created_at: change.now })))
          .onConflict((oc) => oc.columns(['conversation_id', 'tag']).doNothing())
          .returning('tag')
          .execute();
  const removed =
    change.remove.length === 0
      ? []
      : await db.deleteFrom('conversation_tags').where('conversation_id', '=', conversationId).where('tag', 'in', change.remove).returning('tag').execute();
  const tags = await db.selectFrom('conversation_tags').select('tag').where('conversation_id', '=', conversationId).orderBy('tag').execute();
  return { added: added.map((row) => row.tag), removed: removed.map((row) => row.tag), tags: tags.map((row) => row.tag) };
}
