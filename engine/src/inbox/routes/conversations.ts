import { isUuid, LanguageTag, languagePreferences, Nullable, ReadonlyArray } from '@switchboard/engine';
import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { findAgent } from '../../store/inbox/agents.ts';
import { findContact } from '../../store/inbox/contacts.ts';
import { type Conversation, findConversation, listConversations } from '../../store/inbox/conversations.ts';
import { listMessages } from '../../store/inbox/messages.ts';
import { findTeam } from '../../store/inbox/teams.ts';
import { agentOfPerson, callerPerson } from '../agent-of-person.ts';
import type { Inbox } from '../create-inbox.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { conversationNotFound } from '../lock-conversation.ts';
import { IdParams, PrioritySchema, Tag, Uuid } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { ConversationSchema, described, errorResponse, ThreadSchema } from './inbox-response-schemas.ts';

const DEFAULT_PAGE_SIZE = 50;
const notFound = errorResponse('No conversation has this id (INBOX_CONVERSATION_NOT_FOUND).');

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Unsafe<'open' | 'closed'>({ type: 'string', enum: ['open', 'closed'] })),
    assigneeId: Type.Optional(
      Type.Union([Uuid, Type.Literal('me')], {
        description: "An agent's id, or `me`: the caller's own agent profile (as GET /api/inbox/me finds it).",
      }),
    ),
    unassigned: Type.Optional(Type.Boolean({ description: 'Only conversations without an assignee.' })),
    teamId: Type.Optional(Uuid),
    tag: Type.Optional(Tag),
    contactId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_PAGE_SIZE })),
    before: Type.Optional(Type.String({ minLength: 1, description: 'The `nextCursor` of the previous page.' })),
  },
  { additionalProperties: false },
);
const ThreadQuery = Type.Object(
  {
    messages: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 100, description: 'How many of the latest messages to include.' })),
    language: Type.Optional(LanguageTag('The language of `assignmentReason`, a language tag; omitted: the Accept-Language header decides.')),
  },
  { additionalProperties: false },
);
const ConversationPatch = Type.Object(
  { priority: Type.Optional(PrioritySchema), teamId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);

/** Conversations: the inbox list with filters, and one conversation with its thread. */
export const conversationRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/inbox/conversations',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'List conversations, most recent activity first',
        querystring: ListQuery,
        response: {
          200: described(
            'One page. Pass `nextCursor` as `before` for the next page; it is null on the last page.',
            Type.Object({ conversations: ReadonlyArray(ConversationSchema), nextCursor: Nullable(Type.String()) }),
          ),
          404: errorResponse('`assigneeId=me` from someone without an agent profile (INBOX_AGENT_PROFILE_NOT_FOUND).'),
          409: errorResponse('`assigneeId=me` with a machine token, which belongs to no one (NOT_A_PERSON).'),
        },
      },
    },
    async (request) => {
      const { limit = DEFAULT_PAGE_SIZE, before, assigneeId, ...filter } = request.query;
      const cursor = before === undefined ? undefined : decodeCursor(before);
      const person = assigneeId === 'me' ? await callerPerson(rt, request.principal) : undefined;
      const conversations = await transaction(async (db) => {
        const assignee = person === undefined ? assigneeId : (await agentOfPerson(rt, db, person)).id;
        return listConversations(inboxTables(db), {
          ...filter,
          ...(assignee === undefined ? {} : { assigneeId: assignee }),
          limit,
          ...(cursor === undefined ? {} : { before: cursor }),
        });
      });
      const last = conversations.length === limit ? conversations.at(-1) : undefined;
      return { conversations, nextCursor: last === undefined ? null : encodeCursor(last) };
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof ThreadQuery> }>(
    '/api/inbox/conversations/:id',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'Get a conversation with its contact, assignee, team and thread',
        params: IdParams,
        querystring: ThreadQuery,
        response: { 200: ThreadSchema, 404: notFound, 422: errorResponse('`messages` or `language` is invalid (REQUEST_INVALID).') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id)) throw conversationNotFound(id);
      const { language } = request.query;
      const languages = language === undefined ? languagePreferences(request.headers['accept-language']) : [language];
      reply.header('vary', 'Accept-Language');
      const thread = await transaction(async (db) => {
        const tables = inboxTables(db);
        const conversation = await findConversation(tables, id);
        if (conversation === undefined) throw conversationNotFound(id);
        const [contact, assignee, team, messages] = await Promise.all([
          findContact(tables, conversation.contactId),
          conversation.assigneeId === null ? undefined : findAgent(tables, conversation.assigneeId),
          conversation.teamId === null ? undefined : findTeam(tables, conversation.teamId),
          listMessages(tables, conversation.id, request.query.messages ?? 100),
        ]);
        return { conversation, contact: contact ?? null, assignee: assignee ?? null, team: team ?? null, messages };
      });
      const { assignedBy } = thread.conversation;
      const reason = assignedBy === null ? undefined : await rt.engine().explainStep(assignedBy.runId, assignedBy.nodeId, languages);
      return { ...thread, assignmentReason: reason ?? null };
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof ConversationPatch> }>(
    '/api/inbox/conversations/:id',
    {
      config: { access: 'inbox:write' },
      schema: {
        tags: ['inbox'],
        summary: "Change a conversation's priority or team",
        params: IdParams,
        body: ConversationPatch,
        response: { 200: described('The conversation as changed.', ConversationSchema), 404: notFound },
      },
    },
    async (request) => transaction((db) => inbox.updateConversationSettings(db, { conversationId: request.params.id, ...request.body })),
  );
};

function encodeCursor(conversation: Conversation): string {
  return Buffer.from(JSON.stringify([(conversation.lastMessageAt ?? conversation.openedAt).toISOString(), conversation.id])).toString('base64url');
}

function decodeCursor(cursor: string): { readonly lastMessageAt: Date; readonly id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string' &&
      isUuid(decoded[1]) &&
      !Number.isNaN(Date.parse(decoded[0]))
    ) {
      return { lastMessageAt: new Date(decoded[0]), id: decoded[1] };
    }
  } catch {
    // Not base64 JSON: reported below like any other foreign cursor.
  }
  throw new SwitchboardError('REQUEST_INVALID', 'The "before" cursor is not one this API returned; pass a nextCursor value unchanged.', {
    issues: [{ path: '/query/before', code: 'REQUEST_INVALID', message: '/query/before is not a cursor this API returned' }],
  });
}
