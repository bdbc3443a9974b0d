import { isUuid } from '@switchboard/engine';
import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { deleteSnippet, findSnippet, insertSnippet, listSnippets, updateSnippet } from '../../store/inbox/snippets.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { IdParams, Name, Text } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { described, errorResponse, listOf, SnippetSchema } from './inbox-response-schemas.ts';

const SnippetBody = Type.Object(
  { shortcut: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 50, description: 'What agents type after "/", e.g. hours.' }), title: Name, text: Text },
  { additionalProperties: false },
);
const notFound = errorResponse('No snippet has this id (INBOX_SNIPPET_NOT_FOUND).');
const taken = errorResponse('Another snippet has this shortcut (INBOX_SNIPPET_SHORTCUT_TAKEN).');
const SnippetPatch = Type.Partial(SnippetBody, { additionalProperties: false, minProperties: 1 });

/** Snippets: canned responses agents insert by shortcut. */
export const snippetRoutes: FastifyPluginAsync<{ rt: InboxRuntime }> = async (app, { rt }) => {
  const transaction = routeTransaction(rt);
  const route = { tags: ['inbox'], params: IdParams };

  app.get(
    '/api/inbox/snippets',
    { config: { access: 'inbox:read' }, schema: { tags: ['inbox'], summary: 'List snippets', response: { 200: listOf('snippets', SnippetSchema) } } },
    async () => ({
      snippets: await transaction((db) => listSnippets(inboxTables(db))),
    }),
  );

  app.post<{ Body: Static<typeof SnippetBody> }>(
    '/api/inbox/snippets',
    {
      config: { access: 'inbox:manage' },
      schema: { tags: ['inbox'], summary: 'Create a snippet', body: SnippetBody, response: { 201: described('The snippet.', SnippetSchema), 409: taken } },
    },
    async (request, reply) => {
      const snippet = await transaction((db) => insertSnippet(inboxTables(db), { ...request.body, now: rt.clock() }));
      if (snippet === 'shortcut_taken') throw shortcutTaken(request.body.shortcut);
      void reply.status(201);
      return snippet;
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/snippets/:id',
    { config: { access: 'inbox:read' }, schema: { ...route, summary: 'Get a snippet', response: { 200: SnippetSchema, 404: notFound } } },
    async (request) => {
      const { id } = request.params;
      const snippet = isUuid(id) ? await transaction((db) => findSnippet(inboxTables(db), id)) : undefined;
      if (snippet === undefined) throw snippetNotFound(id);
      return snippet;
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof SnippetPatch> }>(
    '/api/inbox/snippets/:id',
    {
      config: { access: 'inbox:manage' },
      schema: {
        ...route,
        summary: 'Update a snippet',
        body: SnippetPatch,
        response: { 200: described('The snippet as updated.', SnippetSchema), 404: notFound, 409: taken },
      },
    },
    async (request) => {
      const { id } = request.params;
      const snippet = isUuid(id) ? await transaction((db) => updateSnippet(inboxTables(db), id, request.body, rt.clock())) : undefined;
      if (snippet === 'shortcut_taken') throw shortcutTaken(request.body.shortcut ?? '');
      if (snippet === undefined) throw snippetNotFound(id);
      return snippet;
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/snippets/:id',
    {
      config: { access: 'inbox:manage' },
      schema: { ...route, summary: 'Delete a snippet', response: { 204: { description: 'Deleted.', type: 'null' }, 404: notFound } },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(isUuid(id) && (await transaction((db) => deleteSnippet(inboxTables(db), id))))) throw snippetNotFound(id);
      void reply.status(204);
    },
  );
};

function snippetNotFound(id: string): SwitchboardError {
  return new SwitchboardError('INBOX_SNIPPET_NOT_FOUND', `Snippet ${id} does not exist.`);
}

function shortcutTaken(shortcut: string): SwitchboardError {
  return new SwitchboardError('INBOX_SNIPPET_SHORTCUT_TAKEN', `Another snippet already has the shortcut "${shortcut}" (shortcuts are unique without case).`);
}
