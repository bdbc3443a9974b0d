import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

/**
 * Pauses or resumes the bot on the conversation. Flows read
 * `conversation.botActive` to stay quiet while a person handles it (an agent's
 * take over pauses it too).
 *
 * ```json
 * { "action": "pause" }
 * ```
 */
export function createBot(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.bot',
    title: 'Pause or resume bot',
    category: 'Inbox',
    description: 'Pauses or resumes the bot (automation) on the conversation.',
    kind: 'step',
    configSchema: Type.Object(
      {
        action: stringEnum(['pause', 'resume'], { default: 'pause', title: 'Action', description: 'pause: automation stays quiet. resume: it answers again.' }),
      },
      { additionalProperties: false },
    ),
    ports: ['next'],
    run: async (ctx) => {
      const conversation = await inbox.updateConversationSettings(ctx.db, {
        conversationId: runConversationId(ctx),
        botActive: ctx.config.action === 'resume',
      });
      return ctx.next('next', { botActive: conversation.botActive });
    },
  });
}
