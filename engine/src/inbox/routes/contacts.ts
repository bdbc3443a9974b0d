import { isUuid } from '@switchboard/engine';
import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { listContactComments } from '../../store/inbox/contact-comments.ts';
import { findContact, listContacts } from '../../store/inbox/contacts.ts';
import type { Inbox } from '../create-inbox.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { AgentIdField, IdParams, Tag, TagsBody, Text } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { ContactCommentSchema, ContactSchema, described, errorResponse, listOf, TagChangeSchema } from './inbox-response-schemas.ts';

const ListQuery = Type.Object(
  {
    query: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, email or phone.' })),
    tag: Type.Optional(Tag),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
const nullableText = (maxLength: number) => Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()]);
const ContactPatch = Type.Object(
  {
    name: Type.Optional(nullableText(200)),
    phone: Type.Optional(nullableText(50)),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
    fields: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Unknown(), {
        description: 'Custom field values by key (null removes one); each key must be a defined contact field.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
const notFound = errorResponse('No contact (or acting agent) has this id (INBOX_CONTACT_NOT_FOUND, INBOX_AGENT_NOT_FOUND).');
const CommentBody = Type.Object({ agentId: AgentIdField, text: Text }, { additionalProperties: false });

/** Contacts: find, update details and fields, tags, comments. */
export const contactRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);
  const route = { tags: ['inbox'], params: IdParams };

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/inbox/contacts',
    {
      config: { access: 'inbox:read' },
      schema: { tags: ['inbox'], summary: 'List or search contacts', querystring: ListQuery, response: { 200: listOf('contacts', ContactSchema) } },
    },
    async (request) => ({ contacts: await transaction((db) => listContacts(inboxTables(db), { ...request.query, limit: request.query.limit ?? 50 })) }),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/contacts/:id',
    {
      config: { access: 'inbox:read' },
      schema: { ...route, summary: 'Get a contact with fields, tags and identities', response: { 200: ContactSchema, 404: notFound } },
    },
    async (request) => {
      const { id } = request.params;
      const contact = isUuid(id) ? await transaction((db) => findContact(inboxTables(db), id)) : undefined;
      if (contact === undefined) throw contactNotFound(id);
      return contact;
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof ContactPatch> }>(
    '/api/inbox/contacts/:id',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: "Update a contact's details and custom fields",
        description: 'Emits inbox.contact_field_updated per changed field.',
        body: ContactPatch,
        response: { 200: described('The contact as updated.', ContactSchema), 404: notFound },
      },
    },
    async (request) => transaction((db) => inbox.updateContact(db, { contactId: request.params.id, ...request.body })),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof TagsBody> }>(
    '/api/inbox/contacts/:id/tags',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: "Add and remove the contact's tags",
        description: 'Emits inbox.contact_tag_updated when anything changed.',
        body: TagsBody,
        response: { 200: described('What changed, and the tags now.', TagChangeSchema), 404: notFound },
      },
    },
    async (request) => transaction((db) => inbox.updateContactTags(db, { contactId: request.params.id, ...request.body })),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/contacts/:id/comments',
    {
      config: { access: 'inbox:read' },
      schema: { ...route, summary: "The team's comments on a contact", response: { 200: listOf('comments', ContactCommentSchema), 404: notFound } },
    },
    async (request) => {
      const { id } = request.params;
      return transaction(async (db) => {
        const tables = inboxTables(db);
        if (!isUuid(id) || (await findContact(tables, id)) === undefined) throw contactNotFound(id);
        return { comments: await listContactComments(tables, id) };
      });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CommentBody> }>(
    '/api/inbox/contacts/:id/comments',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Comment on a contact; @name or @email mentions agents',
        body: CommentBody,
        response: { 201: described('The comment.', ContactCommentSchema), 404: notFound },
      },
    },
    async (request, reply) => {
      const comment = await transaction((db) =>
        inbox.addContactComment(db, { contactId: request.params.id, text: request.body.text, authorAgentId: request.body.agentId }),
      );
      void reply.status(201);
      return comment;
    },
  );
};

function contactNotFound(id: string): SwitchboardError {
  return new SwitchboardError('INBOX_CONTACT_NOT_FOUND', `Contact ${id} does not exist.`);
}
