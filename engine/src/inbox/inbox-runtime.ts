import type { PluginEngine } from '@switchboard/engine';
import { SwitchboardError } from '@switchboard/engine/sdk';
import type { ChannelAdapter } from './channels/channel-adapter.ts';
import { TEST_CHAT_CHANNEL, testChatChannel } from './channels/test-chat-channel.ts';

/** pg-boss queues the inbox owns (see the inbox plugin's `queues`). */
export const OUTBOX_QUEUE = 'inbox-outbox';
export const ASSIGNMENT_QUEUE = 'inbox-assignment';

/** What every inbox action needs, assembled once by createInbox. */
export interface InboxRuntime {
  /** The engine, once it started with the inbox's plugin (the plugin's `setup` hands it over). */
  engine(): PluginEngine;
  readonly channels: ReadonlyMap<string, ChannelAdapter>;
  readonly clock: () => Date;
  /** Delivery attempts per outbound message before it is marked failed. */
  readonly deliveryAttempts: number;
}

export function createInboxRuntime(options: {
  readonly channels: readonly ChannelAdapter[];
  readonly clock: () => Date;
  readonly deliveryAttempts: number;
}): InboxRuntime & { setup(engine: PluginEngine): void } {
  let attached: PluginEngine | undefined;
  const channels = new Map<string, ChannelAdapter>();
  for (const channel of [...options.channels, testChatChannel()]) {
    if (channel.name === TEST_CHAT_CHANNEL && channels.has(TEST_CHAT_CHANNEL))
      throw new SwitchboardError('INTERNAL', `The channel name "${TEST_CHAT_CHANNEL}" is the test chats' own; name the adapter otherwise.`);
    if (channels.has(channel.name)) throw new SwitchboardError('INTERNAL', `Two channel adapters are named "${channel.name}"; channel names must be unique.`);
    channels.set(channel.name, channel);
  }
  return {
    engine() {
      if (attached === undefined)
        throw new SwitchboardError('INTERNAL', 'The inbox has no engine yet: pass inbox.plugin to createEngine({ plugins }) and start the engine.');
      return attached;
    },
    setup(engine) {
      attached = engine;
    },
    channels,
    clock: options.clock,
    deliveryAttempts: options.deliveryAttempts,
  };
}
