import { type Static, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { listKnownTags } from '../../store/inbox/known-tags.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { listOf } from './inbox-response-schemas.ts';
import { routeTransaction } from './route-transaction.ts';

const TagQuery = Type.Object(
  {
    query: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the tag, in any case.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

const KnownTagSchema = Type.Object({
  name: Type.String({ examples: ['vip'] }),
  contacts: Type.Integer({ description: 'Contacts that have it.' }),
  conversations: Type.Integer({ description: 'Conversations that have it.' }),
});

/** Tags in use, for the tag pickers of the inbox and the flow editor (`x-picker: 'tag'`). */
export const tagRoutes: FastifyPluginAsync<{ rt: InboxRuntime }> = async (app, { rt }) => {
  const transaction = routeTransaction(rt);

  app.get<{ Querystring: Static<typeof TagQuery> }>(
    '/api/inbox/tags',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'List the tags in use on contacts and conversations',
        description: 'The most used first, then by name. A tag exists while something has it: a picker also lets a new one be typed.',
        querystring: TagQuery,
        response: { 200: listOf('tags', KnownTagSchema) },
      },
    },
    async (request) => ({
      tags: await transaction((db) => listKnownTags(inboxTables(db), { ...request.query, limit: request.query.limit ?? 50 })),
    }),
  );
};
