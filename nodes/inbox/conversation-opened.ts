import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when a conversation opens: a new contact writes, a closed conversation's contact writes again, or a conversation is reopened (data.reopened).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationOpened = inboxTrigger({
  eventType: 'inbox.conversation_opened',
  title: 'Conversation opened',
  description:
    "Starts when a conversation opens: a new contact writes, a closed conversation's contact writes again, or a conversation is reopened (data.reopened).",
  es: {
    title: 'Conversación abierta',
    description:
      'Inicia el flujo cuando se abre una conversación: escribe un contacto nuevo, vuelve a escribir el contacto de una conversación cerrada o se reabre una conversación (data.reopened).',
  },
});
