/**
 * @internal Test support: an InboxActions that records what nodes ask of it
 * and answers from a script, for unit tests of nodes without a database.
 */
import type { InboxActions } from '@switchboard/engine/inbox';

export interface FakeInbox {
  readonly inbox: InboxActions;
  /** Every call, as [action, input]. */
  readonly calls: (readonly [string, unknown])[];
}

export function fakeInbox(
  answers: Partial<{ [K in keyof InboxActions]: (input: Parameters<InboxActions[K]>[1]) => Awaited<ReturnType<InboxActions[K]>> }> = {},
): FakeInbox {
  const calls: (readonly [string, unknown])[] = [];
  const inbox = new Proxy({} as InboxActions, {
    get(_target, action: string) {
      return async (_db: unknown, input: unknown) => {
        calls.push([action, input]);
        const answer = (answers as Record<string, ((input: unknown) => unknown) | undefined>)[action];
        if (answer === undefined) throw new Error(`fake inbox: no answer scripted for ${action}`);
        return answer(input);
      };
    },
  });
  return { inbox, calls };
}
