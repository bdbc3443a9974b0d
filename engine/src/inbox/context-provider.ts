import { defineContextProvider, type ContextProvider } from '@switchboard/engine/sdk';
import { loadConversationContext } from '../store/inbox/conversation-context.ts';
import { conversationScopeRoots } from './conversation-scope-roots.ts';
import { conversationIdOf } from './conversation-subject.ts';
import { inboxTables } from './inbox-tables.ts';

/**
 * Gives runs on a conversation (`conversation:<id>` subjects) `conversation`,
 * `contact` (with `fields` and `tags`), `assignee` and `team` in their scope,
 * so templates say `{{ contact.name }}` and `{{ assignee.name }}` and
 * conditions test `contact.tags`. Loaded fresh for every step that reads one
 * of them, in the step's transaction: a step after `inbox.assign_to` sees the
 * new assignee; a branch on `vars` costs no query.
 */
export function createContextProvider(): ContextProvider {
  return defineContextProvider({
    name: 'inbox',
    provides: ['contact', 'conversation', 'assignee', 'team'],
    roots: conversationScopeRoots,
    async load(db, run) {
      const conversationId = conversationIdOf(run.subject);
      if (conversationId === undefined) return {};
      const context = await loadConversationContext(inboxTables(db), conversationId);
      return context === undefined ? {} : { ...context };
    },
  });
}
