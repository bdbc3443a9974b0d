import type { Engine } from '@switchboard/engine';
import { type ChannelAdapter, createInbox, type Inbox, testChannel, type TestChannel } from '@switchboard/engine/inbox';
import type { NodeDatabase } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { startTestEngine, type TestEngine } from '../../support/test-engine.ts';

export interface InboxEngine {
  readonly engine: Engine;
  readonly inbox: Inbox;
  /** The `test` channel: every delivered outbound message lands here. */
  readonly channel: TestChannel;
  readonly harness: TestEngine;
  /** Runs `body` in one transaction, as a route does. */
  tx<T>(body: (db: NodeDatabase) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An engine with the core pack and the inbox's plugin (its pack included), on a fresh schema. */
export async function startInboxEngine(
  options: {
    readonly workerConcurrency?: number;
    readonly maxConnections?: number;
    readonly runWorkers?: boolean;
    readonly channels?: readonly ChannelAdapter[];
  } = {},
): Promise<InboxEngine> {
  const channel = testChannel();
  const { channels = [], ...engineOptions } = options;
  const inbox = createInbox({ channels: [channel, ...channels], deliveryAttempts: 3, deliveryRetryDelaySeconds: 1, nodes: createInboxPack });
  const harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], ...engineOptions });
  const { engine } = harness;
  return { engine, inbox, channel, harness, tx: (body) => engine.transaction(body), close: () => harness.close() };
}
