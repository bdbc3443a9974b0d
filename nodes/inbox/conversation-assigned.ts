import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when a conversation gets an assignee (data.agentId, data.previousAgentId, data.reason).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationAssigned = inboxTrigger({
  eventType: 'inbox.conversation_assigned',
  data: {
    conversationId: eventFields.conversationId,
    contactId: eventFields.contactId,
    agentId: { schema: { type: 'string', format: 'uuid' }, en: "The assigned agent's id.", es: 'El id del agente asignado.' },
    agentName: { schema: { type: 'string' }, en: "The assigned agent's name.", es: 'El nombre del agente asignado.' },
    previousAgentId: {
      schema: { type: ['string', 'null'], format: 'uuid' },
      en: "The previous assignee's id; null when it had none.",
      es: 'El id del agente que la tenía antes; null si no la tenía nadie.',
    },
    reason: {
      schema: { type: 'string', enum: ['rule', 'queue', 'manual', 'take_over', 'reply', 'inherited', 'reopened'] },
      en: 'Why: rule (an assign step), queue (it waited for an agent), manual, take_over, reply (an agent answered), inherited (the last agent of the contact) or reopened.',
      es: 'Por qué: rule (un paso de asignación), queue (esperó a un agente), manual, take_over (un agente la tomó), reply (un agente respondió), inherited (el último agente del contacto) o reopened (se reabrió).',
    },
  },
  example: {
    conversationId: samples.conversationId,
    contactId: samples.contactId,
    agentId: samples.agentId,
    agentName: samples.agent.name,
    previousAgentId: null,
    reason: 'rule',
  },
  title: 'Conversation assigned',
  description: 'Starts when a conversation gets an assignee (data.agentId, data.previousAgentId, data.reason).',
  es: {
    title: 'Conversación asignada',
    description: 'Inicia el flujo cuando se asigna una conversación a un agente (data.agentId, data.previousAgentId, data.reason).',
  },
});
