import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when a conversation gets an assignee (data.agentId, data.previousAgentId, data.reason).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationAssigned = inboxTrigger({
  eventType: 'inbox.conversation_assigned',
  title: 'Conversation assigned',
  description: 'Starts when a conversation gets an assignee (data.agentId, data.previousAgentId, data.reason).',
  es: {
    title: 'Conversación asignada',
    description: 'Inicia el flujo cuando se asigna una conversación a un agente (data.agentId, data.previousAgentId, data.reason).',
  },
});
