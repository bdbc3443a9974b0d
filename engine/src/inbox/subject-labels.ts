import type { NodeDatabase } from '@switchboard/engine/sdk';
import { findContactLabels } from '../store/inbox/conversations.ts';
import { conversationIdOf, conversationSubject } from './conversation-subject.ts';
import { inboxTables } from './inbox-tables.ts';

/** The inbox's `subjectLabels` hook: a `conversation:<id>` run is labelled with its contact's name. */
export async function labelConversationSubjects(db: NodeDatabase, subjects: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const ids = [...new Set(subjects.flatMap((subject) => conversationIdOf(subject) ?? []))];
  const labels = await findContactLabels(inboxTables(db), ids);
  return new Map([...labels].map(([id, label]) => [conversationSubject(id), label]));
}
