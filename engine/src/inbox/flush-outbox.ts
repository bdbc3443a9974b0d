import { SwitchboardError } from '@switchboard/engine/sdk';
import { findNextOutbound, recordDeliveryAttempt } from '../store/inbox/messages.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/**
 * The outbox's job handler: delivers a conversation's pending messages through
 * its channel, oldest first, outside any transaction (promise 2: at least
 * once, each with a stable idempotency key), recording each outcome on its
 * message.
 *
 * Order: every message sends a job keyed by its conversation on a
 * `key_strict_fifo` queue, so one flush runs per conversation at a time; and a
 * flush always takes the oldest pending message (by `seq`, the order they
 * were written), whichever message's job it is. A failure is recorded and
 * rethrown, so pg-boss retries the flush with backoff while later messages
 * wait; once a message has used its attempts it is marked failed and the
 * flush moves on. The jobs of messages an earlier flush already sent find
 * nothing to do.
 */
export async function flushOutbox(rt: InboxRuntime, conversationId: string): Promise<{ readonly delivered: number }> {
  const engine = rt.engine();
  let delivered = 0;
  // Each statement here commits on its own: a read, then each outcome recorded with the next message read.
  let outbound = await engine.outsideTransaction((db) => findNextOutbound(inboxTables(db), conversationId));
  while (outbound !== undefined) {
    const { message, seq, channel: channelName } = outbound;
    const attempt = message.deliveryAttempts + 1;
    const record = (outcome: 'sent' | 'failed' | 'retrying', error: string | null) =>
      engine.outsideTransaction((db) => recordDeliveryAttempt(inboxTables(db), { id: message.id, conversationId, seq }, { outcome, error, now: rt.clock() }));

    const channel = rt.channels.get(channelName);
    if (channel === undefined) {
      // Retrying cannot help until the process is configured with this channel: fail now, visibly.
      outbound = await record('failed', `No adapter is configured for channel "${channelName}".`);
      continue;
    }
    try {
      await channel.deliver({
        messageId: message.id,
        conversationId,
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
        outbound = await record('failed', reason);
        continue;
      }
      await record('retrying', reason);
      throw new SwitchboardError(
        'INBOX_DELIVERY_FAILED',
        `Delivery of message ${message.id} on "${channelName}" failed (attempt ${attempt} of ${rt.deliveryAttempts}): ${reason}`,
        { cause: error },
      );
    }
    outbound = await record('sent', null);
    delivered += 1;
  }
  return { delivered };
}
