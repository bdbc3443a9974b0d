import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when a contact's field changes (data.field, data.value, data.previous).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const contactFieldUpdated = inboxTrigger({
  eventType: 'inbox.contact_field_updated',
  title: 'Contact field updated',
  description: "Starts when a contact's field changes (data.field, data.value, data.previous).",
  es: {
    title: 'Cambio en un campo del contacto',
    description: 'Inicia el flujo cuando cambia un campo de un contacto (data.field, data.value, data.previous).',
  },
});
