import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when a conversation closes (data.note, data.category, data.assigneeId): the place for a CSAT survey.
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationClosed = inboxTrigger({
  eventType: 'inbox.conversation_closed',
  data: {
    conversationId: eventFields.conversationId,
    contactId: eventFields.contactId,
    assigneeId: {
      ...eventFields.assigneeId,
      en: 'The agent who had it when it closed; null when nobody had it.',
      es: 'El agente que la tenía al cerrarse; null si no la tenía nadie.',
    },
    note: { schema: { type: ['string', 'null'] }, en: 'The closing note, if any.', es: 'La nota de cierre, si la hay.' },
    category: {
      schema: { type: ['string', 'null'] },
      en: 'The closing category, e.g. resolved, if any.',
      es: 'La categoría de cierre, p. ej. resolved, si la hay.',
    },
    isSpam: { schema: { type: 'boolean' }, en: 'Whether it was closed as spam.', es: 'Si se cerró como spam.' },
    closedBy: {
      schema: { type: ['string', 'null'], format: 'uuid' },
      en: 'The id of the agent who closed it; null when a flow or the API did.',
      es: 'El id del agente que la cerró; null si la cerró un flujo o la API.',
    },
  },
  example: {
    conversationId: samples.conversationId,
    contactId: samples.contactId,
    assigneeId: samples.agentId,
    note: 'Resuelto por teléfono',
    category: 'resolved',
    isSpam: false,
    closedBy: samples.agentId,
  },
  title: 'Conversation closed',
  description: 'Starts when a conversation closes (data.note, data.category, data.assigneeId): the place for a CSAT survey.',
  es: {
    title: 'Conversación cerrada',
    description: 'Inicia el flujo cuando se cierra una conversación (data.note, data.category, data.assigneeId): el lugar para una encuesta de satisfacción.',
  },
});
