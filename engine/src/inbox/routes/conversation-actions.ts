import { type NodeDatabase, type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { findConversation } from '../../store/inbox/conversations.ts';
import type { Inbox } from '../create-inbox.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { conversationNotFound } from '../lock-conversation.ts';
import { MAX_TEXT_LENGTH } from '../message-text.ts';
import { AgentIdField, AttachmentSchema, IdParams, TagsBody, Text, Uuid } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { ConversationSchema, described, errorResponse, MessageSchema, StartedRunsSchema } from './inbox-response-schemas.ts';

const ReplyBody = Type.Object(
  {
    agentId: Type.Optional(AgentIdField),
    senderType: Type.Optional(
      Type.Unsafe<'agent' | 'bot'>({
        type: 'string',
        enum: ['agent', 'bot'],
        default: 'agent',
        description: 'agent (needs agentId) or bot: an external bot, never a human reply.',
      }),
    ),
    text: Type.String({ maxLength: MAX_TEXT_LENGTH }),
    attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 20 })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'A retried request with the same key sends nothing twice.' })),
  },
  { additionalProperties: false },
);
const NoteBody = Type.Object({ agentId: AgentIdField, text: Text }, { additionalProperties: false });
const AssignBody = Type.Object({ agentId: AgentIdField, teamId: Type.Optional(Type.Union([Uuid, Type.Null()])) }, { additionalProperties: false });
const AgentBody = Type.Object({ agentId: AgentIdField }, { additionalProperties: false });
const CloseBody = Type.Object(
  {
    agentId: Type.Optional(AgentIdField),
    note: Type.Optional(Type.String({ maxLength: 4096 })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
const BotBody = Type.Object({ active: Type.Boolean({ description: 'false pauses the bot, true resumes it.' }) }, { additionalProperties: false });
const SpamBody = Type.Object(
  { isSpam: Type.Optional(Type.Boolean({ default: true, description: 'true closes the conversation as spam; false only clears the mark.' })) },
  { additionalProperties: false },
);
const ShortcutBody = Type.Object(
  { workflowId: Type.String({ minLength: 1 }), agentId: Type.Optional(AgentIdField), input: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { additionalProperties: false },
);

type Params = Static<typeof IdParams>;

const notFound = errorResponse(
  'No conversation (or acting agent, or workflow) has this id (INBOX_CONVERSATION_NOT_FOUND, INBOX_AGENT_NOT_FOUND, WORKFLOW_NOT_FOUND).',
);

/** What agents do to a conversation: reply, note, assign, transfer, take over, close, reopen, tag, bot, spam, shortcuts. */
export const conversationActionRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);
  /** Runs an action, then answers the conversation as the action left it, in the same transaction. */
  const thenConversation = (id: string, action: (db: NodeDatabase) => Promise<unknown>) =>
    transaction(async (db) => {
      await action(db);
      const conversation = await findConversation(inboxTables(db), id);
      if (conversation === undefined) throw conversationNotFound(id);
      return conversation;
    });
  const route = { tags: ['inbox'], params: IdParams };
  /** The actions that answer the conversation as they left it. */
  const conversationResponse = {
    200: described('The conversation as the action left it.', ConversationSchema),
    404: notFound,
    409: errorResponse('The conversation cannot take this action now (e.g. INBOX_CONVERSATION_CLOSED, INBOX_CAPACITY_FULL).'),
  };

  app.post<{ Params: Params; Body: Static<typeof ReplyBody> }>(
    '/api/inbox/conversations/:id/messages',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Reply to the contact',
        description: 'As an agent (assigns an unassigned conversation to them; refused with INBOX_CAPACITY_FULL when they have no room) or as a bot.',
        body: ReplyBody,
        response: {
          201: described('The message, stored and queued for delivery.', MessageSchema),
          404: notFound,
          409: errorResponse('The agent has no room (INBOX_CAPACITY_FULL) or the conversation is closed.'),
        },
      },
    },
    async (request, reply) => {
      const { agentId, senderType = 'agent', text, attachments, idempotencyKey } = request.body;
      if (senderType === 'agent' && agentId === undefined) {
        throw new SwitchboardError('REQUEST_INVALID', 'An agent reply names the agent: set agentId (or senderType "bot").', {
          issues: [{ path: '/agentId', code: 'REQUEST_INVALID', message: 'agentId is required when senderType is agent' }],
        });
      }
      const sender = senderType === 'bot' || agentId === undefined ? ({ type: 'bot' } as const) : ({ type: 'agent', agentId } as const);
      const message = await transaction((db) =>
        inbox.sendMessage(db, {
          conversationId: request.params.id,
          text,
          sender,
          ...(attachments === undefined ? {} : { attachments }),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey: `api:${idempotencyKey}` }),
        }),
      );
      void reply.status(201);
      return message;
    },
  );

  app.post<{ Params: Params; Body: Static<typeof NoteBody> }>(
    '/api/inbox/conversations/:id/notes',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Add an internal note (never delivered to the contact)',
        body: NoteBody,
        response: { 201: described('The note.', MessageSchema), 404: notFound },
      },
    },
    async (request, reply) => {
      const { agentId, text } = request.body;
      const message = await transaction((db) =>
        inbox.sendMessage(db, { conversationId: request.params.id, text, sender: { type: 'agent', agentId }, isInternalNote: true }),
      );
      void reply.status(201);
      return message;
    },
  );

  app.post<{ Params: Params; Body: Static<typeof AssignBody> }>(
    '/api/inbox/conversations/:id/assign',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Assign or transfer to an agent',
        description: "Within the agent's capacity (INBOX_CAPACITY_FULL otherwise), whatever their status.",
        body: AssignBody,
        response: conversationResponse,
      },
    },
    async (request) =>
      thenConversation(request.params.id, (db) => inbox.assignToAgent(db, { conversationId: request.params.id, reason: 'manual', ...request.body })),
  );

  app.post<{ Params: Params }>(
    '/api/inbox/conversations/:id/unassign',
    { config: { access: 'inbox:write' }, schema: { ...route, summary: 'Remove the assignee', response: conversationResponse } },
    async (request) => thenConversation(request.params.id, (db) => inbox.unassign(db, { conversationId: request.params.id })),
  );

  app.post<{ Params: Params; Body: Static<typeof AgentBody> }>(
    '/api/inbox/conversations/:id/take-over',
    {
      config: { access: 'inbox:write' },
      schema: { ...route, summary: 'Take over: assign to this agent and pause the bot', body: AgentBody, response: conversationResponse },
    },
    async (request) =>
      thenConversation(request.params.id, (db) =>
        inbox.assignToAgent(db, { conversationId: request.params.id, agentId: request.body.agentId, reason: 'take_over' }),
      ),
  );

  app.post<{ Params: Params; Body: Static<typeof CloseBody> }>(
    '/api/inbox/conversations/:id/close',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Close with a note and a category',
        description: 'Every field is optional: an empty body (or none) closes it without a note.',
        body: CloseBody,
        response: conversationResponse,
      },
    },
    async (request) => {
      const { agentId, note, category } = request.body;
      return thenConversation(request.params.id, async (db) => {
        if (agentId !== undefined && (await inbox.findAgent(db, agentId)) === undefined)
          throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${agentId} does not exist.`);
        await inbox.closeConversation(db, { conversationId: request.params.id, note: note ?? null, category: category ?? null, closedBy: agentId ?? null });
      });
    },
  );

  app.post<{ Params: Params }>(
    '/api/inbox/conversations/:id/reopen',
    { config: { access: 'inbox:write' }, schema: { ...route, summary: 'Reopen a closed conversation', response: conversationResponse } },
    async (request) =>
      thenConversation(request.params.id, async (db) => {
        const outcome = await inbox.reopenConversation(db, { conversationId: request.params.id });
        if (outcome.kind === 'other_open') {
          throw new SwitchboardError(
            'INBOX_CONVERSATION_ALREADY_OPEN',
            `The contact already has an open conversation (${outcome.open.id}); a contact has one open conversation at a time. Continue in that one.`,
          );
        }
      }),
  );

  app.post<{ Params: Params; Body: Static<typeof TagsBody> }>(
    '/api/inbox/conversations/:id/tags',
    {
      config: { access: 'inbox:write' },
      schema: { ...route, summary: "Add and remove the conversation's tags", body: TagsBody, response: conversationResponse },
    },
    async (request) => thenConversation(request.params.id, (db) => inbox.updateConversationTags(db, { conversationId: request.params.id, ...request.body })),
  );

  app.post<{ Params: Params; Body: Static<typeof BotBody> }>(
    '/api/inbox/conversations/:id/bot',
    { config: { access: 'inbox:write' }, schema: { ...route, summary: 'Pause or resume the bot', body: BotBody, response: conversationResponse } },
    async (request) =>
      thenConversation(request.params.id, (db) => inbox.updateConversationSettings(db, { conversationId: request.params.id, botActive: request.body.active })),
  );

  app.post<{ Params: Params; Body: Static<typeof SpamBody> }>(
    '/api/inbox/conversations/:id/spam',
    {
      config: { access: 'inbox:write' },
      schema: { ...route, summary: 'Mark as spam (closes it), or clear the mark', body: SpamBody, response: conversationResponse },
    },
    async (request) =>
      thenConversation(request.params.id, (db) =>
        request.body.isSpam === false
          ? inbox.updateConversationSettings(db, { conversationId: request.params.id, isSpam: false })
          : inbox.closeConversation(db, { conversationId: request.params.id, isSpam: true, category: 'spam' }),
      ),
  );

  app.post<{ Params: Params; Body: Static<typeof ShortcutBody> }>(
    '/api/inbox/conversations/:id/shortcuts',
    {
      config: { access: 'inbox:write' },
      schema: {
        ...route,
        summary: 'Run a shortcut workflow on the conversation',
        description: 'Emits inbox.shortcut for the workflow, which must be published with an inbox.shortcut trigger.',
        body: ShortcutBody,
        response: {
          201: described('The runs the shortcut started.', StartedRunsSchema),
          404: notFound,
          409: errorResponse('The workflow is not a published shortcut (WORKFLOW_NOT_ACTIVE, WORKFLOW_TRIGGER_MISMATCH).'),
        },
      },
    },
    async (request, reply) => {
      const result = await transaction((db) => inbox.runShortcut(db, { conversationId: request.params.id, ...request.body }));
      void reply.status(201);
      return result;
    },
  );
};
