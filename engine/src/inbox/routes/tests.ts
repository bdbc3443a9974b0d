import { DateTime, Nullable, ReadonlyArray, type Run } from '@switchboard/engine';
import { type Static, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { endTestChat, readTestChat, sendTestMessage, setTestChatClock, startTestChat } from '../test-chats.ts';
import { IdParams, Name, Tag, Text } from './inbox-schemas.ts';
import { described, errorResponse } from './inbox-response-schemas.ts';
import { routeTransaction } from './route-transaction.ts';

const Clock = Nullable(
  Type.String({
    format: 'date-time',
    description: '"Pretend the time is": business hours, waits and the timestamps nodes read use it, running on from the moment it is set. Null: the real time.',
  }),
);

const TestBody = Type.Object(
  {
    contact: Type.Object(
      {
        name: Name,
        tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
        fields: Type.Optional(
          Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.String({ maxLength: 2000 }), {
            description: 'Custom field values by key; each key must be a defined contact field.',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    clock: Type.Optional(Clock),
    assignForReal: Type.Optional(
      Type.Boolean({
        description:
          "true: assignments take real agents' capacity and the conversation shows in their inbox. Default false: the flow picks an agent by the real rules (who is online, who has room) but takes none of their capacity.",
      }),
    ),
  },
  { additionalProperties: false },
);
const MessageBody = Type.Object({ text: Text }, { additionalProperties: false });
const ClockBody = Type.Object({ clock: Clock }, { additionalProperties: false });

const TestSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  workflowId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: 'The test version pinned from the draft: below zero, never a published version.' }),
  conversationId: Type.String({ format: 'uuid', description: "The test's conversation: it opens with the customer's first message, under this id." }),
  contactId: Type.String({ format: 'uuid' }),
  clock: Clock,
  assignForReal: Type.Boolean(),
  createdAt: DateTime,
});
const TestMessageSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  direction: Type.Unsafe<'inbound' | 'outbound'>({ type: 'string', enum: ['inbound', 'outbound'] }),
  text: Type.String({ description: "What the customer wrote, or what they would see (a question's choices included)." }),
  sentAt: DateTime,
  byAutomation: Type.Boolean({ description: 'Sent by a flow, not by an agent.' }),
});
const TestChatSchema = Type.Object({
  test: TestSchema,
  messages: ReadonlyArray(TestMessageSchema, { description: "The test's messages, oldest first (internal notes left out)." }),
  runs: ReadonlyArray(Type.Unsafe<Run>({ $ref: 'Run#' }), { description: 'The runs the test started, newest first.' }),
});

const notFound = errorResponse('No test has this id (TEST_NOT_FOUND); tests are cleaned up a day after they start.');
const invalid = errorResponse('The body is invalid (REQUEST_INVALID, issues with JSON Pointer paths).');

/** Test chats (docs/ARCHITECTURE.md "Test chat"): talk to a draft as a pretend customer. */
export const testRoutes: FastifyPluginAsync<{ rt: InboxRuntime }> = async (app, { rt }) => {
  const transaction = routeTransaction(rt);
  const route = { tags: ['tests'], params: IdParams };

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof TestBody> }>(
    '/api/workflows/:id/tests',
    {
      config: { access: 'flows:write' },
      schema: {
        ...route,
        summary: "Start a test chat of the workflow's draft",
        description:
          'Pins the current draft as a test version (checked as publishing checks it) and makes a pretend customer. Only that version runs for the test, and no live workflow; the live version and its runs are untouched.',
        body: TestBody,
        response: {
          201: described('The test started.', TestSchema),
          404: errorResponse('No workflow has this id (WORKFLOW_NOT_FOUND).'),
          422: errorResponse('The draft would not publish (the code of its first issue, with every issue), its trigger is not an event (TEST_TRIGGER_UNSUPPORTED), or the body is invalid.'),
        },
      },
    },
    async (request, reply) => {
      const test = await transaction((db) => startTestChat(rt, db, request.params.id, request.body));
      void reply.status(201);
      return test;
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof MessageBody> }>(
    '/api/tests/:id/messages',
    {
      config: { access: 'flows:write' },
      schema: {
        ...route,
        summary: 'The pretend customer writes',
        description: 'Goes through the inbox receive path on the test chat channel and the engine, as a real message does.',
        body: MessageBody,
        response: { 201: described('The message, stored.', TestMessageSchema), 404: notFound, 422: invalid },
      },
    },
    async (request, reply) => {
      const message = await transaction((db) => sendTestMessage(rt, db, request.params.id, request.body.text));
      void reply.status(201);
      return message;
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/tests/:id',
    {
      config: { access: 'flows:read' },
      schema: { ...route, summary: 'A test chat: its messages and its runs', response: { 200: TestChatSchema, 404: notFound } },
    },
    async (request) => transaction((db) => readTestChat(rt, db, request.params.id)),
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof ClockBody> }>(
    '/api/tests/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        ...route,
        summary: 'Pretend the time is',
        description: "Sets the test's clock; its runs in flight take it on from now (a wait still lasts as long in real time).",
        body: ClockBody,
        response: { 200: described('The test with its clock.', TestSchema), 404: notFound, 422: invalid },
      },
    },
    async (request) => transaction((db) => setTestChatClock(rt, db, request.params.id, request.body.clock)),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/tests/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        ...route,
        summary: 'Clean a test chat up',
        description: 'Deletes its runs, pretend customer, conversations and pinned version. Tests are also cleaned up a day after they start.',
        response: { 204: { description: 'Cleaned up.', type: 'null' }, 404: notFound },
      },
    },
    async (request, reply) => {
      await transaction((db) => endTestChat(rt, db, request.params.id));
      void reply.status(204);
    },
  );
};
