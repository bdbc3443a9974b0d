import { createHmac } from 'node:crypto';
import { SwitchboardError } from '@switchboard/engine/sdk';
import type { ChannelAdapter } from './channel-adapter.ts';

export interface WebhookChannelOptions {
  /** The channel's name, e.g. `whatsapp`. */
  readonly name: string;
  /** Where outbound messages are POSTed as JSON. */
  readonly url: string;
  /** Signs each body: `x-switchboard-signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
  readonly secret: string;
  /** Per attempt. Defaults to 10 s. */
  readonly timeoutMs?: number;
}

/** The signature header value for a body, as the receiver should recompute it. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * Delivers by POSTing JSON to a URL (a channel bridge: WhatsApp, SMS, web
 * chat). Any 2xx is accepted; anything else, a network error or a timeout
 * throws, so the outbox retries with backoff. Each request carries
 * `Idempotency-Key: message:<id>`, the same on every retry.
 *
 * ```ts
 * webhookChannel({ name: 'whatsapp', url: 'https://bridge.example/send', secret: process.env.BRIDGE_SECRET })
 * ```
 */
export function webhookChannel(options: WebhookChannelOptions): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: options.name,
    async deliver(delivery) {
      const body = JSON.stringify({
        messageId: delivery.messageId,
        conversationId: delivery.conversationId,
        contactId: delivery.contactId,
        to: delivery.to,
        text: delivery.text,
        attachments: delivery.attachments,
        senderType: delivery.senderType,
        attempt: delivery.attempt,
      });
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-switchboard-signature': signBody(options.secret, body),
            'idempotency-key': delivery.idempotencyKey,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new SwitchboardError('INBOX_DELIVERY_FAILED', `Channel "${options.name}" could not be reached at ${options.url}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      // Drain the body so the connection can be reused.
      const reply = await response.text().catch(() => '');
      if (!response.ok) {
        throw new SwitchboardError(
          'INBOX_DELIVERY_FAILED',
          `Channel "${options.name}" answered ${response.status} for message ${delivery.messageId}: ${reply.slice(0, 200)}`,
        );
      }
    },
  };
}
