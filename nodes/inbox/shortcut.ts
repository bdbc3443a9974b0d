import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when an agent runs this workflow by hand on a conversation
 * (`POST /api/inbox/conversations/:id/shortcuts` with this workflow's id):
 * only this workflow starts, with data.agentId and data.input.
 */
export const shortcut = inboxTrigger({
  eventType: 'inbox.shortcut',
  title: 'Shortcut',
  description: 'Starts when an agent runs this workflow by hand on a conversation from the inbox.',
  es: {
    title: 'Atajo',
    description: 'Inicia el flujo cuando un agente lo ejecuta a mano sobre una conversación desde la bandeja de entrada.',
  },
  extraMatch: (event, workflow) => event.data['workflowId'] === workflow.workflowId,
});
