import type { ChannelAdapter } from './channel-adapter.ts';

/** The channel test chats' pretend customers write on (docs/ARCHITECTURE.md "Test chat"). */
export const TEST_CHAT_CHANNEL = 'test-chat';

/**
 * Delivers to nobody: a test chat's outbound messages are recorded and marked sent like real
 * ones (that is what the person testing reads back), and no call leaves the process.
 */
export function testChatChannel(): ChannelAdapter {
  return { name: TEST_CHAT_CHANNEL, deliver: async () => undefined };
}
