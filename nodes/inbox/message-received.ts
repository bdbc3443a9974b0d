import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts on every message a contact sends (data.text, data.channel, data.attachments).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const messageReceived = inboxTrigger({
  eventType: 'inbox.message_received',
  title: 'Message received',
  description: 'Starts on every message a contact sends (data.text, data.channel, data.attachments).',
  es: {
    title: 'Mensaje recibido',
    description: 'Inicia el flujo con cada mensaje que envía un contacto (data.text, data.channel, data.attachments).',
  },
});
