/**
 * The inbox's tables (migration 0002-inbox), in one place. The inbox sees the
 * engine's database only as a `NodeDatabase` and widens it with
 * `db.withTables<InboxDB>()`; rows become domain types in the store modules
 * beside this file, never above them.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type AgentStatus = 'online' | 'away' | 'offline';
export type ConversationStatus = 'open' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type MessageDirection = 'in' | 'out';
export type SenderType = 'contact' | 'agent' | 'bot' | 'automation';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'not_applicable';
export type ContactFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';
export type AssignmentStrategy = 'round_robin' | 'least_open';
export type AssignmentTargetKind = 'agent' | 'team' | 'workspace';

/** Attachment metadata only: the files themselves live with the channel or a file store. */
export interface Attachment {
  readonly url: string;
  readonly name?: string;
  readonly contentType?: string;
  readonly size?: number;
}

export interface AgentsTable {
  id: Generated<string>;
  name: string;
  email: string;
  /** The person this profile belongs to (the engine's `users`; inbox migration 0002-agent-users). */
  user_id: string | null;
  status: Generated<AgentStatus>;
  capacity: Generated<number>;
  open_count: Generated<number>;
  last_assigned_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentTeamsTable {
  team_id: string;
  agent_id: string;
}

export interface ContactsTable {
  id: Generated<string>;
  name: string | null;
  phone: string | null;
  email: string | null;
  fields: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The test chat whose pretend customer this is (migration 0004); null for a real contact. */
  test_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface ContactIdentitiesTable {
  channel: string;
  external_id: string;
  contact_id: string;
  created_at: Timestamp;
}

export interface ContactFieldDefinitionsTable {
  key: string;
  label: string;
  type: ContactFieldType;
  options: Json<string[]>;
  created_at: Timestamp;
}

export interface ContactTagsTable {
  contact_id: string;
  tag: string;
  created_at: Timestamp;
}

export interface ContactCommentsTable {
  id: Generated<string>;
  contact_id: string;
  author_agent_id: string | null;
  text: string;
  mentions: ColumnType<string[], string[], string[]>;
  created_at: Timestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  contact_id: string;
  channel: string;
  status: Generated<ConversationStatus>;
  assignee_id: string | null;
  team_id: string | null;
  last_assignee_id: string | null;
  bot_active: Generated<boolean>;
  priority: Generated<Priority>;
  closing_note: string | null;
  closing_category: string | null;
  is_spam: Generated<boolean>;
  awaiting_reply_until: Timestamp | null;
  opened_at: Timestamp;
  first_response_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_message_at: Timestamp | null;
  csat_score: number | null;
  csat_agent_id: string | null;
  csat_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The run and node of the flow step that made the current assignment (migration 0004); null otherwise. */
  assigned_by_run_id: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_by_node_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The test chat this conversation belongs to (migration 0003); null for a real one. */
  test_id: ColumnType<string | null, string | null | undefined, never>;
  /** Whether its assignee counts it in agents.open_count: false for a test that does not assign for real. */
  holds_capacity: ColumnType<boolean, boolean | undefined, never>;
}

export interface ConversationTagsTable {
  conversation_id: string;
  tag: string;
  created_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  /** bigint: pg hands it over as a string. */
  seq: ColumnType<string, never, never>;
  conversation_id: string;
  direction: MessageDirection;
  sender_type: SenderType;
  sender_agent_id: string | null;
  text: string;
  attachments: Json<Attachment[]>;
  is_internal_note: Generated<boolean>;
  delivery_status: DeliveryStatus;
  delivery_attempts: Generated<number>;
  delivery_error: string | null;
  delivered_at: Timestamp | null;
  idempotency_key: string | null;
  created_at: Timestamp;
}

export interface SnippetsTable {
  id: Generated<string>;
  shortcut: string;
  title: string;
  text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssignmentQueueTable {
  conversation_id: string;
  target_kind: AssignmentTargetKind;
  target_id: string | null;
  strategy: AssignmentStrategy;
  only_online: boolean;
  capacity_limit: number | null;
  sticky: boolean;
  run_id: string | null;
  /** The step that queued it (migration 0004); null for entries queued before that. */
  node_id: ColumnType<string | null, string | null | undefined, string | null>;
  signal_key: string;
  enqueued_at: Timestamp;
  expires_at: Timestamp;
}

// A type alias, not an interface: Kysely's withTables<T>() needs the implicit index signature.
export type InboxDB = {
  agents: AgentsTable;
  teams: TeamsTable;
  agent_teams: AgentTeamsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  contact_field_definitions: ContactFieldDefinitionsTable;
  contact_tags: ContactTagsTable;
  contact_comments: ContactCommentsTable;
  conversations: ConversationsTable;
  conversation_tags: ConversationTagsTable;
  messages: MessagesTable;
  snippets: SnippetsTable;
  assignment_queue: AssignmentQueueTable;
};

/** What every inbox store function takes first: a connection or a transaction, with the inbox's tables. */
export type InboxDatabase = Kysely<InboxDB>;
