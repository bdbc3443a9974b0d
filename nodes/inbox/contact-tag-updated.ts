import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when a contact's tags change (data.added, data.removed, data.tags).
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const contactTagUpdated = inboxTrigger({
  eventType: 'inbox.contact_tag_updated',
  title: 'Contact tag updated',
  description: "Starts when a contact's tags change (data.added, data.removed, data.tags).",
  es: {
    title: 'Cambio en las etiquetas del contacto',
    description: 'Inicia el flujo cuando cambian las etiquetas de un contacto (data.added, data.removed, data.tags).',
  },
});
