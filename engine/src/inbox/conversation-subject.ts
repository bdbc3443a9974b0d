import { isUuid } from '@switchboard/engine';

/** The subject of every inbox event and run: work for one conversation is serialized on it (promise 3). */
export function conversationSubject(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** The conversation a run is about, or undefined for runs on other subjects. */
export function conversationIdOf(subject: string | null): string | undefined {
  if (subject === null || !subject.startsWith('conversation:')) return undefined;
  const id = subject.slice('conversation:'.length);
  return isUuid(id) ? id : undefined;
}

/** Wakes an `inbox.assign_to` step waiting in the assignment queue. */
export function assignedSignalKey(conversationId: string): string {
  return `inbox:assigned:${conversationId}`;
}

/** Wakes an `inbox.ask_question` step waiting for the contact's reply. */
export function replySignalKey(conversationId: string): string {
  return `inbox:reply:${conversationId}`;
}
