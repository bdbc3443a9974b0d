import { type Selectable, sql } from 'kysely';
import type { ContactIdentity } from './contacts.ts';
import type { Attachment, DeliveryStatus, InboxDatabase, MessageDirection, MessagesTable, SenderType } from './database.ts';

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly direction: MessageDirection;
  readonly senderType: SenderType;
  readonly senderAgentId: string | null;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  /** Seen by the team only; never delivered. */
  readonly isInternalNote: boolean;
  readonly deliveryStatus: DeliveryStatus;
  readonly deliveryAttempts: number;
  readonly deliveryError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

function toMessage(row: Selectable<MessagesTable>): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    senderType: row.sender_type,
    senderAgentId: row.sender_agent_id,
    text: row.text,
    attachments: row.attachments,
    isInternalNote: row.is_internal_note,
    deliveryStatus: row.delivery_status,
    deliveryAttempts: row.delivery_attempts,
    deliveryError: row.delivery_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

export interface NewMessage {
  readonly conversationId: string;
  readonly direction: MessageDirection;
  readonly senderType: SenderType;
  readonly senderAgentId: string | null;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly isInternalNote: boolean;
  readonly deliveryStatus: DeliveryStatus;
  /** A repeated key stores nothing new: a channel's retry, a step's second attempt. */
  readonly idempotencyKey: string | null;
  readonly now: Date;
}

/**
 * Stores a message. With an idempotency key seen before, answers the first
 * message and `duplicate: true`: `on conflict do nothing` lets exactly one of
 * two concurrent deliveries of one key insert.
 *
 * With `touch`, the same statement moves the conversation's last message time to this message
 * (and, for a first human reply, sets its first-response time), a round trip fewer per message
 * sent; a duplicate touches nothing.
 */
export async function insertMessage(
  db: InboxDatabase,
  message: NewMessage,
  touch?: { readonly firstResponse: boolean },
): Promise<{ readonly message: Message; readonly duplicate: boolean }> {
  const insert = db
    .insertInto('messages')
    .values({
      conversation_id: message.conversationId,
      direction: message.direction,
      sender_type: message.senderType,
      sender_agent_id: message.senderAgentId,
      text: message.text,
      attachments: JSON.stringify(message.attachments),
      is_internal_note: message.isInternalNote,
      delivery_status: message.deliveryStatus,
      idempotency_key: message.idempotencyKey,
      created_at: message.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll();
  const row =
    touch === undefined
      ? await insert.executeTakeFirst()
      : await db
          .with('inserted', () => insert)
          .with('touched', (qb) =>
            qb
              .updateTable('conversations')
              .from('inserted')
              .set((eb) => ({
                last_message_at: eb.ref('inserted.created_at'),
                updated_at: eb.ref('inserted.created_at'),
                ...(touch.firstResponse ? { first_response_at: eb.fn.coalesce('conversations.first_response_at', 'inserted.created_at') } : {}),
              }))
              .whereRef('conversations.id', '=', 'inserted.conversation_id')
              .returning('conversations.id'),
          )
          .selectFrom('inserted')
          .selectAll()
          .executeTakeFirst();
  if (row !== undefined) return { message: toMessage(row), duplicate: false };
  const first = message.idempotencyKey === null ? undefined : await findMessageByKey(db, message.idempotencyKey);
  if (first === undefined) throw new Error(`Message with idempotency key "${message.idempotencyKey}" conflicted but cannot be found.`);
  return { message: first, duplicate: true };
}

export async function findMessageByKey(db: InboxDatabase, idempotencyKey: string): Promise<Message | undefined> {
  const row = await db.selectFrom('messages').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row === undefined ? undefined : toMessage(row);
}

/**
 * What receiving a message reads before it writes, in one round trip: the message a repeated
 * idempotency key stored first (none for a null key), and the contact the channel identity
 * belongs to.
 */
export async function findInboundMessageAndContact(
  db: InboxDatabase,
  input: { readonly idempotencyKey: string | null; readonly identity: ContactIdentity },
): Promise<{ readonly first: Message | undefined; readonly contactId: string | undefined }> {
  // `from (select)`: one row whether or not the key matches a message.
  const { rows } = await sql<Nullable<Selectable<MessagesTable>> & { identity_contact_id: string | null }>`
    select m.*, (
      select i.contact_id from contact_identities i where i.channel = ${input.identity.channel} and i.external_id = ${input.identity.externalId}
    ) as identity_contact_id
    from (select) as one left join messages m on m.idempotency_key = ${input.idempotencyKey}::text
  `.execute(db);
  const [row] = rows;
  if (row === undefined) return { first: undefined, contactId: undefined };
  const { identity_contact_id: contactId, ...message } = row;
  return { first: message.id === null ? undefined : toMessage(message as Selectable<MessagesTable>), contactId: contactId ?? undefined };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

export async function findMessage(db: InboxDatabase, id: string): Promise<Message | undefined> {
  const row = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toMessage(row);
}

/** The latest `limit` messages of a conversation, oldest first (a thread reads top to bottom). */
export async function listMessages(db: InboxDatabase, conversationId: string, limit: number): Promise<Message[]> {
  const rows = await db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse().map(toMessage);
}

/** What the outbox needs to deliver a message: its channel and the contact's address there. */
export interface OutboundMessage {
  readonly message: Message;
  /** Its place in the order its conversation's messages were written. */
  readonly seq: string;
  readonly channel: string;
  readonly contactId: string;
  readonly externalId: string | null;
}

/**
 * The conversation's next message to deliver: its oldest pending one, in the
 * order messages were written (internal notes and inbound messages are never
 * pending). Undefined when its outbox is empty.
 */
export async function findNextOutbound(db: InboxDatabase, conversationId: string): Promise<OutboundMessage | undefined> {
  return toOutbound(await nextOutboundQuery(db, conversationId).executeTakeFirst());
}

/** `after`: only messages written after that one (by `seq`). */
function nextOutboundQuery(db: InboxDatabase, conversationId: string, after?: string) {
  return db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .selectAll('messages')
    .select(['conversations.channel', 'conversations.contact_id'])
    .select((eb) =>
      eb
        .selectFrom('contact_identities')
        .select('contact_identities.external_id')
        .whereRef('contact_identities.contact_id', '=', 'conversations.contact_id')
        .whereRef('contact_identities.channel', '=', 'conversations.channel')
        .orderBy('contact_identities.created_at')
        .limit(1)
        .as('external_id'),
    )
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.delivery_status', '=', 'pending')
    .$if(after !== undefined, (query) => query.where('messages.seq', '>', after ?? '0'))
    .orderBy('messages.seq')
    .limit(1);
}

function toOutbound(row: Awaited<ReturnType<ReturnType<typeof nextOutboundQuery>['executeTakeFirst']>>): OutboundMessage | undefined {
  if (row === undefined) return undefined;
  const { channel, contact_id: contactId, external_id: externalId, ...message } = row;
  return { message: toMessage(message), seq: message.seq, channel, contactId, externalId };
}

/**
 * Records one delivery attempt's result and returns the conversation's next message to deliver
 * (as findNextOutbound), in one statement: the flush's one round trip per message. Only a
 * pending message changes, so a repeated job records nothing twice. The statement reads from
 * before its own update, so the next message is looked for after this one.
 */
export async function recordDeliveryAttempt(
  db: InboxDatabase,
  message: { readonly id: string; readonly conversationId: string; readonly seq: string },
  attempt: { readonly outcome: 'sent' | 'failed' | 'retrying'; readonly error: string | null; readonly now: Date },
): Promise<OutboundMessage | undefined> {
  const row = await db
    .with('recorded', (qb) =>
      qb
        .updateTable('messages')
        .set((eb) => ({
          delivery_attempts: eb('delivery_attempts', '+', 1),
          delivery_error: attempt.error,
          ...(attempt.outcome === 'retrying' ? {} : { delivery_status: attempt.outcome }),
          ...(attempt.outcome === 'sent' ? { delivered_at: attempt.now } : {}),
        }))
        .where('id', '=', message.id)
        .where('delivery_status', '=', 'pending')
        .returning('id'),
    )
    .selectFrom(() => nextOutboundQuery(db, message.conversationId, message.seq).as('next'))
    .selectAll('next')
    .executeTakeFirst();
  return toOutbound(row);
}
