import type { NodeDatabase } from '@switchboard/engine/sdk';
import { changeConversationTags, type TagChange } from '../store/inbox/conversation-tags.ts';
import { changeContactTags } from '../store/inbox/contacts.ts';
import { lockContactForChange } from './contact-subject.ts';
import { emitInboxEvent } from './inbox-events.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';

export interface TagsInput {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/** Tags are trimmed; empty ones and repeats are dropped; a tag both added and removed is removed. */
function normalize(input: TagsInput): { readonly add: readonly string[]; readonly remove: readonly string[] } {
  const clean = (tags: readonly string[] | undefined) => [...new Set((tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  const remove = clean(input.remove);
  return { add: clean(input.add).filter((tag) => !remove.includes(tag)), remove };
}

export async function updateConversationTags(rt: InboxRuntime, db: NodeDatabase, input: TagsInput & { readonly conversationId: string }): Promise<TagChange> {
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  return changeConversationTags(inboxTables(db), conversation.id, { ...normalize(input), now: rt.clock() });
}

/** Changes a contact's tags and, when anything changed, emits `inbox.contact_tag_updated` on the contact's conversation. */
export async function updateContactTags(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: TagsInput & { readonly contactId: string; readonly conversationId?: string },
): Promise<TagChange> {
  const { contact, conversationId } = await lockContactForChange(rt, db, input.contactId, input.conversationId);
  const change = await changeContactTags(inboxTables(db), contact.id, { ...normalize(input), now: rt.clock() });
  if (change.added.length > 0 || change.removed.length > 0) {
    await emitInboxEvent(rt, db, 'inbox.contact_tag_updated', conversationId, { contactId: contact.id, conversationId, ...change });
  }
  return change;
}
