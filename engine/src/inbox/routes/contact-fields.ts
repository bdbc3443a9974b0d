import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { insertContactField, listContactFields } from '../../store/inbox/contact-fields.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { Name } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { ContactFieldSchema, described, errorResponse, listOf } from './inbox-response-schemas.ts';

const FieldBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Read in templates as contact.fields.<key>.' }),
    label: Name,
    type: Type.Unsafe<'text' | 'number' | 'date' | 'boolean' | 'select'>({ type: 'string', enum: ['text', 'number', 'date', 'boolean', 'select'] }),
    options: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200, uniqueItems: true, description: 'For select fields: the allowed values.' }),
    ),
  },
  { additionalProperties: false },
);

/** Contact field definitions: the typed custom fields contacts carry. */
export const contactFieldRoutes: FastifyPluginAsync<{ rt: InboxRuntime }> = async (app, { rt }) => {
  const transaction = routeTransaction(rt);

  app.get(
    '/api/inbox/contact-fields',
    {
      config: { access: 'inbox:read' },
      schema: { tags: ['inbox'], summary: 'List contact field definitions', response: { 200: listOf('fields', ContactFieldSchema) } },
    },
    async () => ({
      fields: await transaction((db) => listContactFields(inboxTables(db))),
    }),
  );

  app.post<{ Body: Static<typeof FieldBody> }>(
    '/api/inbox/contact-fields',
    {
      config: { access: 'inbox:manage' },
      schema: {
        tags: ['inbox'],
        summary: 'Define a contact field',
        body: FieldBody,
        response: { 201: described('The field.', ContactFieldSchema), 409: errorResponse('A field with this key exists (INBOX_CONTACT_FIELD_TAKEN).') },
      },
    },
    async (request, reply) => {
      const { key, label, type, options = [] } = request.body;
      if (type === 'select' && options.length === 0) {
        throw new SwitchboardError('REQUEST_INVALID', 'A select field needs its options.', {
          issues: [{ path: '/options', code: 'REQUEST_INVALID', message: 'a select field needs at least one option' }],
        });
      }
      const field = await transaction((db) =>
        insertContactField(inboxTables(db), { key, label, type, options: type === 'select' ? options : [], now: rt.clock() }),
      );
      if (field === 'key_taken') throw new SwitchboardError('INBOX_CONTACT_FIELD_TAKEN', `A contact field "${key}" is already defined.`);
      void reply.status(201);
      return field;
    },
  );
};
