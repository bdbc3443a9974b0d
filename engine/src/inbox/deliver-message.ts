import { SwitchboardError } from '@switchboard/engine/sdk';
import { findOutboundMessage, recordDeliveryAttempt } from '../store/inbox/messages.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/**
 * The outbox's job handler: delivers one message through its conversation's
 * channel, outside any transaction (promise 2: at least once, with a stable
 * idempotency key), then records the outcome on the message. A failure is
 * recorded and rethrown so pg-boss retries with backoff; the last allowed
 * attempt marks the message failed instead. A message that is no longer
 * pending (a repeated job) is left alone.
 */
export async function deliverMessage(rt: InboxRuntime, messageId: string): Promise<void> {
  const engine = rt.engine();
  const outbound = await engine.transaction((db) => findOutboundMessage(inboxTables(db), messageId));
  if (outbound === undefined || outbound.message.deliveryStatus !== 'pending') return;
  const { message } = outbound;
  const attempt = message.deliveryAttempts + 1;
  const record = (outcome: 'sent' | 'failed' | 'retrying', error: string | null) =>
    engine.transaction((db) => recordDeliveryAttempt(inboxTables(db), message.id, { outcome, error, now: rt.clock() }));

  const channel = rt.channels.get(outbound.channel);
  if (channel === undefined) {
    // Retrying cannot help until the process is configured with this channel: fail now, visibly.
    await record('failed', `No adapter is configured for channel "${outbound.channel}".`);
    return;
  }
  try {
    await channel.deliver({
      messageId: message.id,
      conversationId: message.conversationId,
      contactId: outbound.contactId,
      to: outbound.externalId,
      text: message.text,
      attachments: message.attachments,
      senderType: message.senderType,
      idempotencyKey: `message:${message.id}`,
      attempt,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (attempt >= rt.deliveryAttempts) {
      await record('failed', reason);
      return;
    }
    await record('retrying', reason);
    throw new SwitchboardError('INBOX_DELIVERY_FAILED', `Delivery of message ${message.id} on "${outbound.channel}" failed (attempt ${attempt} of ${rt.deliveryAttempts}): ${reason}`, { cause: error });
  }
  await record('sent', null);
}
