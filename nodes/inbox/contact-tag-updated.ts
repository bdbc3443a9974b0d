import { eventFields, inboxTrigger } from './inbox-trigger.ts';
import { samples } from './samples.ts';

/**
 * Starts when a contact's tags change (data.added, data.removed, data.tags).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const contactTagUpdated = inboxTrigger({
  eventType: 'inbox.contact_tag_updated',
  data: {
    contactId: eventFields.contactId,
    conversationId: eventFields.conversationIdOrNull,
    added: { schema: { type: 'array', items: { type: 'string' } }, en: 'The tags added.', es: 'Las etiquetas añadidas.' },
    removed: { schema: { type: 'array', items: { type: 'string' } }, en: 'The tags removed.', es: 'Las etiquetas quitadas.' },
    tags: { schema: { type: 'array', items: { type: 'string' } }, en: "The contact's tags now.", es: 'Las etiquetas que tiene ahora el contacto.' },
  },
  example: { contactId: samples.contactId, conversationId: samples.conversationId, added: ['vip'], removed: [], tags: ['cliente', 'vip'] },
  title: 'Contact tag updated',
  description: "Starts when a contact's tags change (data.added, data.removed, data.tags).",
  es: {
    title: 'Cambio en las etiquetas del contacto',
    description: 'Inicia el flujo cuando cambian las etiquetas de un contacto (data.added, data.removed, data.tags).',
  },
});
