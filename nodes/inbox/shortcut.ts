import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when an agent runs this workflow by hand on a conversation
 * (`POST /api/inbox/conversations/:id/shortcuts` with this workflow's id):
 * only this workflow starts, with data.agentId and data.input.
 */
export const shortcut = inboxTrigger({
  eventType: 'inbox.shortcut',
  data: {
    workflowId: { schema: { type: 'string' }, en: 'This workflow, the one the agent ran.', es: 'Este flujo, el que ejecutó el agente.' },
    conversationId: eventFields.conversationId,
    contactId: eventFields.contactId,
    agentId: {
      schema: { type: ['string', 'null'], format: 'uuid' },
      en: 'The id of the agent who ran it; null when it was run through the API without one.',
      es: 'El id del agente que lo ejecutó; null si se ejecutó por la API sin indicar ninguno.',
    },
    input: { schema: { type: 'object' }, en: 'What the agent gave it to work with.', es: 'Los datos que le dio el agente.' },
  },
  example: { workflowId: samples.workflowId, conversationId: samples.conversationId, contactId: samples.contactId, agentId: samples.agentId, input: {} },
  title: 'Shortcut',
  description: 'Starts when an agent runs this workflow by hand on a conversation from the inbox.',
  es: {
    title: 'Atajo',
    description: 'Inicia el flujo cuando un agente lo ejecuta a mano sobre una conversación desde la bandeja de entrada.',
  },
  extraMatch: (event, workflow) => event.data['workflowId'] === workflow.workflowId,
});
