import type { NodeDatabase } from '@switchboard/engine/sdk';
import { listAgentHandles } from '../store/inbox/agents.ts';
import { type ContactComment, insertContactComment } from '../store/inbox/contact-comments.ts';
import { requireAgent } from './assign-to-agent.ts';
import { lockContactForChange } from './contact-subject.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { parseMentions } from './parse-mentions.ts';
import { checkTextLength } from './message-text.ts';

/** Adds a team comment to a contact, recording the agents it @mentions. */
export async function addContactComment(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: { readonly contactId: string; readonly text: string; readonly authorAgentId: string | null },
): Promise<ContactComment> {
  checkTextLength(input.text, 'Comment');
  const tables = inboxTables(db);
  if (input.authorAgentId !== null) await requireAgent(tables, input.authorAgentId);
  const { contact } = await lockContactForChange(rt, db, input.contactId);
  const mentions = parseMentions(input.text, await listAgentHandles(tables));
  return insertContactComment(tables, { contactId: contact.id, authorAgentId: input.authorAgentId, text: input.text, mentions, now: rt.clock() });
}
