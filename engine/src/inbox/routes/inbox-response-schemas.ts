/**
 * Response schemas of the inbox routes, in TypeBox. Each domain schema is
 * checked against the type the store returns (`SameShape`), so the OpenAPI
 * document cannot drift from what the server sends: a field added to
 * `Conversation` and not here fails the typecheck.
 */
import { type Assert, DateTime, ExplanationTextSchema, Nullable, ReadonlyArray, type SameShape, type StepExplanation, StringEnum } from '@switchboard/engine';
import { type Static, type TSchema, Type } from '@switchboard/engine/sdk';
import type { Agent } from '../../store/inbox/agents.ts';
import type { ContactComment } from '../../store/inbox/contact-comments.ts';
import type { ContactFieldDefinition } from '../../store/inbox/contact-fields.ts';
import type { Contact } from '../../store/inbox/contacts.ts';
import type { TagChange } from '../../store/inbox/conversation-tags.ts';
import type { Conversation } from '../../store/inbox/conversations.ts';
import type { Attachment } from '../../store/inbox/database.ts';
import type { Message } from '../../store/inbox/messages.ts';
import type { Snippet } from '../../store/inbox/snippets.ts';
import type { Team } from '../../store/inbox/teams.ts';
import type { ReceivedMessage } from '../receive-message.ts';

const Id = Type.String({ format: 'uuid' });
const Strings = ReadonlyArray(Type.String());

export const ConversationSchema = Type.Object({
  id: Id,
  subject: Type.String({
    examples: ['conversation:0b6c9a52-4f0e-4d6e-9d43-2f7f3c1f5a10'],
    description:
      'The subject of the workflow runs about this conversation: GET /api/runs?subject=<subject> lists them, and each run shows the contact as its subjectLabel.',
  }),
  contactId: Id,
  channel: Type.String({ description: 'The channel replies go out on: where the contact last wrote.' }),
  status: StringEnum(['open', 'closed']),
  assigneeId: Nullable(Id),
  teamId: Nullable(Id),
  lastAssigneeId: Nullable(Id),
  assignedBy: Nullable(
    Type.Object({
      runId: Id,
      nodeId: Type.String(),
    }),
    {
      description:
        'The flow step that made the current assignment: GET /api/runs/{runId} shows it, and the conversation with its thread says why (`assignmentReason`). Null when a person assigned it, an agent took it by replying, or nobody holds it.',
    },
  ),
  botActive: Type.Boolean(),
  priority: StringEnum(['low', 'normal', 'high', 'urgent']),
  closingNote: Nullable(Type.String()),
  closingCategory: Nullable(Type.String()),
  isSpam: Type.Boolean(),
  awaitingReplyUntil: Nullable(DateTime),
  openedAt: DateTime,
  firstResponseAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  lastMessageAt: Nullable(DateTime),
  csatScore: Nullable(Type.Number()),
  csatAgentId: Nullable(Id),
  csatAt: Nullable(DateTime),
  tags: Strings,
  createdAt: DateTime,
  updatedAt: DateTime,
});

const AttachmentSchema = Type.Object({
  url: Type.String(),
  name: Type.Optional(Type.String()),
  contentType: Type.Optional(Type.String()),
  size: Type.Optional(Type.Integer()),
});

export const MessageSchema = Type.Object({
  id: Id,
  conversationId: Id,
  direction: StringEnum(['in', 'out']),
  senderType: StringEnum(['contact', 'agent', 'bot', 'automation']),
  senderAgentId: Nullable(Id),
  text: Type.String(),
  attachments: ReadonlyArray(AttachmentSchema),
  isInternalNote: Type.Boolean({ description: 'Seen by the team only; never delivered.' }),
  deliveryStatus: StringEnum(['pending', 'sent', 'failed', 'not_applicable']),
  deliveryAttempts: Type.Integer(),
  deliveryError: Nullable(Type.String()),
  deliveredAt: Nullable(DateTime),
  createdAt: DateTime,
});

export const AgentSchema = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  userId: Nullable(Id, {
    description:
      'The person who signs in as this agent (see GET /api/users). Null while the profile belongs to no one: the first person with its email to open the inbox gets it.',
  }),
  status: StringEnum(['online', 'away', 'offline']),
  capacity: Type.Integer(),
  openCount: Type.Integer({ description: 'Open conversations assigned to the agent now; never more than capacity when assigning.' }),
  teamIds: ReadonlyArray(Id),
  lastAssignedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const TeamSchema = Type.Object({
  id: Id,
  name: Type.String(),
  agentIds: ReadonlyArray(Id),
  openConversations: Type.Integer({ description: 'Open conversations routed to this team.' }),
  memberOpenCount: Type.Integer(),
  memberCapacity: Type.Integer(),
  onlineAgents: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ContactSchema = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  fields: Type.Record(Type.String(), Type.Unknown(), { description: 'Custom field values by field key.' }),
  tags: Strings,
  identities: ReadonlyArray(Type.Object({ channel: Type.String(), externalId: Type.String() })),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ContactFieldSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: StringEnum(['text', 'number', 'date', 'boolean', 'select']),
  options: Strings,
  createdAt: DateTime,
});

export const ContactCommentSchema = Type.Object({
  id: Id,
  contactId: Id,
  authorAgentId: Nullable(Id),
  text: Type.String(),
  mentions: ReadonlyArray(Id),
  createdAt: DateTime,
});

export const SnippetSchema = Type.Object({
  id: Id,
  shortcut: Type.String(),
  title: Type.String(),
  text: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const TagChangeSchema = Type.Object({ added: Strings, removed: Strings, tags: Strings });

export const ReceivedMessageSchema = Type.Object({
  message: MessageSchema,
  conversation: ConversationSchema,
  contactId: Id,
  opened: Type.Boolean({ description: 'A new conversation was opened for this message.' }),
  duplicate: Type.Boolean({ description: 'The message was a redelivery; nothing happened.' }),
  answersQuestion: Type.Boolean({ description: "The message answered a question still waiting on the contact's closed conversation (a CSAT survey)." }),
});

export const ThreadSchema = Type.Object({
  conversation: ConversationSchema,
  contact: Nullable(ContactSchema),
  assignee: Nullable(AgentSchema),
  team: Nullable(TeamSchema),
  assignmentReason: Nullable(
    Type.Object({
      runId: Id,
      nodeId: Type.String(),
      workflowId: Id,
      workflowName: Type.String(),
      explanation: ExplanationTextSchema,
    }),
    {
      description:
        'Why the conversation went to its assignee when a flow assigned it ("assigned by flow X because ..."): the flow, and the explanation its step recorded, in the language asked for (`language`, else Accept-Language). Null when `assignedBy` is, or when retention has deleted the run.',
    },
  ),
  messages: ReadonlyArray(MessageSchema, { description: 'The latest messages, oldest first.' }),
});

export const StartedRunsSchema = Type.Object({ runIds: ReadonlyArray(Id, { description: 'Runs the shortcut started.' }) });

/** `{ [key]: items[] }`: the list bodies (`{ agents: [...] }`). */
export function listOf<K extends string, T extends TSchema>(key: K, items: T) {
  return Type.Object({ [key]: ReadonlyArray(items) } as { [P in K]: ReturnType<typeof ReadonlyArray<T>> });
}

/** A response schema described for OpenAPI. */
export function described<T extends TSchema>(description: string, schema: T): T & { description: string } {
  return { ...schema, description };
}

/** An error status with its own description; the body is the engine's shared `Error` schema. */
export function errorResponse(description: string): { description: string; $ref: string } {
  return { description, $ref: 'Error#' };
}

export type AssignmentReasonMatches = Assert<SameShape<NonNullable<Static<typeof ThreadSchema>['assignmentReason']>, StepExplanation>>;
export type ConversationMatches = Assert<SameShape<Static<typeof ConversationSchema>, Conversation>>;
export type AttachmentMatches = Assert<SameShape<Static<typeof AttachmentSchema>, Attachment>>;
export type MessageMatches = Assert<SameShape<Static<typeof MessageSchema>, Message>>;
export type AgentMatches = Assert<SameShape<Static<typeof AgentSchema>, Agent>>;
export type TeamMatches = Assert<SameShape<Static<typeof TeamSchema>, Team>>;
export type ContactMatches = Assert<SameShape<Static<typeof ContactSchema>, Contact>>;
export type ContactFieldMatches = Assert<SameShape<Static<typeof ContactFieldSchema>, ContactFieldDefinition>>;
export type ContactCommentMatches = Assert<SameShape<Static<typeof ContactCommentSchema>, ContactComment>>;
export type SnippetMatches = Assert<SameShape<Static<typeof SnippetSchema>, Snippet>>;
export type TagChangeMatches = Assert<SameShape<Static<typeof TagChangeSchema>, TagChange>>;
export type ReceivedMessageMatches = Assert<SameShape<Static<typeof ReceivedMessageSchema>, ReceivedMessage>>;
