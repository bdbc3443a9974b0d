import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts on every message a contact sends (data.text, data.channel, data.attachments).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const messageReceived = inboxTrigger({
  eventType: 'inbox.message_received',
  data: {
    conversationId: eventFields.conversationId,
    contactId: eventFields.contactId,
    messageId: { schema: { type: 'string', format: 'uuid' }, en: "The message's id.", es: 'El id del mensaje.' },
    channel: eventFields.channel,
    text: { schema: { type: 'string' }, en: 'What the contact wrote.', es: 'Lo que escribió el contacto.' },
    attachments: {
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: { url: { type: 'string' }, name: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' } },
          required: ['url'],
        },
      },
      en: 'Files sent with it: url, and name, contentType and size when known.',
      es: 'Los archivos que lo acompañan: url y, si se conocen, name, contentType y size.',
    },
  },
  example: {
    conversationId: samples.conversationId,
    contactId: samples.contactId,
    messageId: samples.messageId,
    channel: 'whatsapp',
    text: 'Hola, quiero saber el precio del plan Pro',
    attachments: [],
  },
  title: 'Message received',
  description: 'Starts on every message a contact sends (data.text, data.channel, data.attachments).',
  es: {
    title: 'Mensaje recibido',
    description: 'Inicia el flujo con cada mensaje que envía un contacto (data.text, data.channel, data.attachments).',
  },
});
