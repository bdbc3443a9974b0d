import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when a conversation opens: a new contact writes, a closed conversation's contact writes again, or a conversation is reopened (data.reopened).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationOpened = inboxTrigger({
  eventType: 'inbox.conversation_opened',
  data: {
    conversationId: eventFields.conversationId,
    contactId: eventFields.contactId,
    channel: eventFields.channel,
    assigneeId: {
      ...eventFields.assigneeId,
      en: 'The agent who has it from the start (the one who last handled the contact, when they have room); null when it waits for assignment.',
      es: 'El agente que la tiene desde el principio (el último que atendió al contacto, si tiene hueco); null si espera a que la asignen.',
    },
    reopened: {
      schema: { type: 'boolean' },
      en: 'True when a closed conversation was reopened; false for a new conversation.',
      es: 'True si se reabrió una conversación cerrada; false si es una conversación nueva.',
    },
  },
  example: { conversationId: samples.conversationId, contactId: samples.contactId, channel: 'whatsapp', assigneeId: null, reopened: false },
  title: 'Conversation opened',
  description:
    "Starts when a conversation opens: a new contact writes, a closed conversation's contact writes again, or a conversation is reopened (data.reopened).",
  es: {
    title: 'Conversación abierta',
    description:
      'Inicia el flujo cuando se abre una conversación: escribe un contacto nuevo, vuelve a escribir el contacto de una conversación cerrada o se reabre una conversación (data.reopened).',
  },
});
