import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when a contact's field changes (data.field, data.value, data.previous).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const contactFieldUpdated = inboxTrigger({
  eventType: 'inbox.contact_field_updated',
  data: {
    contactId: eventFields.contactId,
    conversationId: eventFields.conversationIdOrNull,
    field: {
      schema: { type: 'string' },
      en: 'The field that changed: a custom field key, or name, email or phone.',
      es: 'El campo que cambió: la clave de un campo personalizado, o name, email o phone.',
    },
    value: { schema: {}, en: 'Its new value; null when it was cleared.', es: 'Su nuevo valor; null si se vació.' },
    previous: { schema: {}, en: 'Its value before; null when it had none.', es: 'Su valor anterior; null si no tenía.' },
  },
  example: { contactId: samples.contactId, conversationId: samples.conversationId, field: 'plan', value: 'pro', previous: 'basic' },
  title: 'Contact field updated',
  description: "Starts when a contact's field changes (data.field, data.value, data.previous).",
  es: {
    title: 'Cambio en un campo del contacto',
    description: 'Inicia el flujo cuando cambia un campo de un contacto (data.field, data.value, data.previous).',
  },
});
