import type { FastifyPluginAsync } from 'fastify';
import type { Inbox } from '../create-inbox.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { agentRoutes } from './agents.ts';
import { contactFieldRoutes } from './contact-fields.ts';
import { contactRoutes } from './contacts.ts';
import { conversationActionRoutes } from './conversation-actions.ts';
import { conversationRoutes } from './conversations.ts';
import { meRoutes } from './me.ts';
import { messageRoutes } from './messages.ts';
import { snippetRoutes } from './snippets.ts';
import { tagRoutes } from './tags.ts';
import { teamRoutes } from './teams.ts';
import { testRoutes } from './tests.ts';

/**
 * Every inbox route, under /api/inbox, as one Fastify plugin the API server
 * registers (the inbox plugin's `routes`): it inherits the server's auth,
 * validator (422 with JSON Pointer paths) and error body. Each request runs in
 * one transaction.
 */
export function createInboxRoutes(rt: InboxRuntime, inbox: () => Inbox): FastifyPluginAsync {
  return async (app) => {
    const options = { rt, inbox: inbox() };
    await app.register(messageRoutes, options);
    await app.register(agentRoutes, options);
    await app.register(meRoutes, options);
    await app.register(teamRoutes, options);
    await app.register(conversationRoutes, options);
    await app.register(conversationActionRoutes, options);
    await app.register(contactRoutes, options);
    await app.register(contactFieldRoutes, { rt });
    await app.register(snippetRoutes, { rt });
    await app.register(tagRoutes, { rt });
    await app.register(testRoutes, { rt });
  };
}
