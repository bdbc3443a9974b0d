import { sql } from 'kysely';
import type { AgentStatus, ConversationStatus, InboxDatabase, Priority } from './database.ts';

/**
 * What templates and conditions read about a run's conversation:
 * `{{ contact.name }}`, `{{ assignee.name }}`, `conversation.tags`,
 * `contact.fields.plan`. Plain JSON values, named as the editor shows them.
 */
export interface ConversationContext {
  readonly conversation: {
    readonly id: string;
    readonly status: ConversationStatus;
    readonly channel: string;
    readonly priority: Priority;
    readonly botActive: boolean;
    readonly isSpam: boolean;
    readonly assigneeId: string | null;
    readonly teamId: string | null;
    readonly tags: readonly string[];
    readonly openedAt: string;
    readonly firstResponseAt: string | null;
    readonly closedAt: string | null;
    readonly closingNote: string | null;
    readonly closingCategory: string | null;
    readonly csatScore: number | null;
  };
  readonly contact: {
    readonly id: string;
    readonly name: string | null;
    readonly firstName: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    readonly fields: Readonly<Record<string, unknown>>;
    readonly tags: readonly string[];
  };
  readonly assignee: { readonly id: string; readonly name: string; readonly email: string; readonly status: AgentStatus } | null;
  readonly team: { readonly id: string; readonly name: string } | null;
}

/**
 * One query per step of a run on a conversation (context providers are loaded
 * fresh for every step), so it joins everything at once.
 */
export async function loadConversationContext(db: InboxDatabase, conversationId: string): Promise<ConversationContext | undefined> {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as p', 'p.id', 'c.contact_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .select([
      'c.id',
      'c.status',
      'c.channel',
      'c.priority',
      'c.bot_active',
      'c.is_spam',
      'c.assignee_id',
      'c.team_id',
      'c.opened_at',
      'c.first_response_at',
      'c.closed_at',
      'c.closing_note',
      'c.closing_category',
      'c.csat_score',
      'p.id as contact_id',
      'p.name as contact_name',
      'p.phone as contact_phone',
      'p.email as contact_email',
      'p.fields as contact_fields',
      'a.name as assignee_name',
      'a.email as assignee_email',
      'a.status as assignee_status',
      't.name as team_name',
      sql<string[]>`array(select tag from conversation_tags where conversation_id = c.id order by tag)`.as('conversation_tags'),
      sql<string[]>`array(select tag from contact_tags where contact_id = p.id order by tag)`.as('contact_tags'),
    ])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    conversation: {
      id: row.id,
      status: row.status,
      channel: row.channel,
      priority: row.priority,
      botActive: row.bot_active,
      isSpam: row.is_spam,
      assigneeId: row.assignee_id,
      teamId: row.team_id,
      tags: row.conversation_tags,
      openedAt: row.opened_at.toISOString(),
      firstResponseAt: row.first_response_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      closingNote: row.closing_note,
      closingCategory: row.closing_category,
      csatScore: row.csat_score,
    },
    contact: {
      id: row.contact_id,
      name: row.contact_name,
      firstName: row.contact_name?.trim().split(/\s+/)[0] ?? null,
      phone: row.contact_phone,
      email: row.contact_email,
      fields: row.contact_fields,
      tags: row.contact_tags,
    },
    assignee:
      row.assignee_id === null || row.assignee_name === null || row.assignee_email === null || row.assignee_status === null
        ? null
        : { id: row.assignee_id, name: row.assignee_name, email: row.assignee_email, status: row.assignee_status },
    team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
  };
}
