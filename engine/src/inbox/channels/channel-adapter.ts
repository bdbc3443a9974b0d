import type { Attachment, SenderType } from '../../store/inbox/database.ts';

/** One outbound message, as the outbox hands it to a channel. */
export interface ChannelDelivery {
  readonly messageId: string;
  readonly conversationId: string;
  readonly contactId: string;
  /** The contact's id on this channel (a phone number, a chat id); null if the contact has none there. */
  readonly to: string | null;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly senderType: SenderType;
  /** Stable across retries (`message:<id>`): the far side deduplicates on it (promise 2). */
  readonly idempotencyKey: string;
  /** From 1; grows with each retry. */
  readonly attempt: number;
}

/**
 * Delivers outbound messages for one channel. `deliver` resolves once the
 * channel accepted the message and throws when it did not; the outbox then
 * retries with backoff, and records the outcome on the message. Bound the
 * call's time yourself (the webhook adapter times out after 10 s).
 */
export interface ChannelAdapter {
  /** The channel's name, as inbound messages and conversations name it (e.g. `whatsapp`, `test`). */
  readonly name: string;
  deliver(delivery: ChannelDelivery): Promise<void>;
}
