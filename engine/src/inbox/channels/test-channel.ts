import type { ChannelAdapter, ChannelDelivery } from './channel-adapter.ts';

/** A channel that delivers into memory: for tests and demos. */
export interface TestChannel extends ChannelAdapter {
  /** Every accepted delivery, in order. */
  readonly deliveries: readonly ChannelDelivery[];
  /** Makes the next `count` deliveries fail, to exercise retries. */
  failNext(count: number): void;
  /** Resolves once `count` deliveries were accepted (polls; fails after `timeoutMs`, default 10 s). */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<readonly ChannelDelivery[]>;
}

/**
 * @example
 * const test = testChannel();
 * const inbox = createInbox({ channels: [test] });
 * // ... later
 * await test.waitForDeliveries(1);
 * expect(test.deliveries[0]?.text).toBe('Hola');
 */
export function testChannel(options: { readonly name?: string } = {}): TestChannel {
  const deliveries: ChannelDelivery[] = [];
  let failures = 0;
  return {
    name: options.name ?? 'test',
    deliveries,
    async deliver(delivery) {
      if (failures > 0) {
        failures -= 1;
        throw new Error(`test channel: delivery of message ${delivery.messageId} failed on purpose`);
      }
      // A retried job may deliver twice (at least once); the idempotency key is how a real channel tells.
      if (!deliveries.some((known) => known.idempotencyKey === delivery.idempotencyKey)) deliveries.push(delivery);
    },
    failNext(count) {
      failures += count;
    },
    async waitForDeliveries(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (deliveries.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `test channel: expected ${count} deliveries, got ${deliveries.length}: ${JSON.stringify(deliveries.map((delivery) => delivery.text))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return deliveries;
    },
  };
}
