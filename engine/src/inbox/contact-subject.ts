import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { findContact, type Contact } from '../store/inbox/contacts.ts';
import { findLatestConversation, findOpenConversation } from '../store/inbox/conversations.ts';
import { conversationSubject } from './conversation-subject.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/**
 * Changes to a contact are reported on a conversation (every run's subject is
 * one): the contact's open conversation, else its latest, else none. Its
 * subject lock is taken before the contact row is touched, keeping the inbox's
 * lock order (subject first), since a step on that conversation may be
 * changing the same contact.
 */
export async function lockContactForChange(
  rt: InboxRuntime,
  db: NodeDatabase,
  contactId: string,
  conversationId?: string,
): Promise<{ readonly contact: Contact; readonly conversationId: string | null }> {
  const tables = inboxTables(db);
  const contact = isUuid(contactId) ? await findContact(tables, contactId) : undefined;
  if (contact === undefined) throw new SwitchboardError('INBOX_CONTACT_NOT_FOUND', `Contact ${contactId} does not exist.`);
  const subjectId = conversationId ?? (await findOpenConversation(tables, contactId))?.id ?? (await findLatestConversation(tables, contactId))?.id ?? null;
  if (subjectId !== null) await rt.engine().lockSubjectInTransaction(db, conversationSubject(subjectId));
  // Re-read under the lock: the first read only chose which subject to lock.
  return { contact: (await findContact(tables, contactId)) ?? contact, conversationId: subjectId };
}
