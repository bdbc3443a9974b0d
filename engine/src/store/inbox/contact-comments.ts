import type { InboxDatabase } from './database.ts';

/** A note the team leaves on a contact; `mentions` are the agents it names with @. */
export interface ContactComment {
  readonly id: string;
  readonly contactId: string;
  readonly authorAgentId: string | null;
  readonly text: string;
  readonly mentions: readonly string[];
  readonly createdAt: Date;
}

function toComment(row: {
  id: string;
  contact_id: string;
  author_agent_id: string | null;
  text: string;
  mentions: string[];
  created_at: Date;
}): ContactComment {
  return { id: row.id, contactId: row.contact_id, authorAgentId: row.author_agent_id, text: row.text, mentions: row.mentions, createdAt: row.created_at };
}

export async function insertContactComment(
  db: InboxDatabase,
  comment: Omit<ContactComment, 'id' | 'createdAt'> & { readonly now: Date },
): Promise<ContactComment> {
  const row = await db
    .insertInto('contact_comments')
    .values({
      contact_id: comment.contactId,
      author_agent_id: comment.authorAgentId,
      text: comment.text,
      mentions: [...comment.mentions],
      created_at: comment.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toComment(row);
}

export async function listContactComments(db: InboxDatabase, contactId: string): Promise<ContactComment[]> {
  return (await db.selectFrom('contact_comments').selectAll().where('contact_id', '=', contactId).orderBy('created_at').orderBy('id').execute()).map(toComment);
}
