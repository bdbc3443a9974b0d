import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { checkInboxReferences } from './check-inbox-references.ts';
import { runConversationId } from './run-conversation.ts';

const STANDARD_FIELDS = ['name', 'email', 'phone'];

/**
 * Sets a contact field: a custom field by key (checked against its type:
 * "42" becomes the number 42 for a number field) or the contact's name, email
 * or phone. Null clears it. Emits `inbox.contact_field_updated` when the value
 * changed.
 *
 * ```json
 * { "field": "plan", "value": "{{ vars.plan }}" }
 * ```
 */
export function createUpdateField(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.update_field',
    title: 'Update contact field',
    category: 'Inbox',
    description: "Sets one of the contact's fields (a custom field, or name, email, phone).",
    kind: 'step',
    configSchema: Type.Object(
      {
        field: Type.String({ minLength: 1, maxLength: 64, 'x-picker': 'field', title: 'Field', description: 'A custom field key, or name, email or phone.' }),
        value: Type.Unknown({ 'x-template': true, title: 'Value', description: 'The new value; may use templates. Null clears the field.' }),
      },
      { additionalProperties: false, required: ['field'] },
    ),
    outputSchema: {
      type: 'object',
      properties: {
        field: { type: 'string', description: 'The field it set.' },
        value: { description: "The value stored, converted to the field's type (the number 42 for a number field); null when cleared." },
      },
      required: ['field'],
      additionalProperties: false,
      examples: [{ field: 'plan', value: 'pro' }],
    },
    summaryFields: ['field', 'value'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Cambiar un campo del contacto',
        category: 'Bandeja de entrada',
        description: 'Da valor a uno de los campos del contacto (un campo personalizado, o name, email o phone).',
        config: {
          '/properties/field': { title: 'Campo', description: 'La clave de un campo personalizado, o name, email o phone.' },
          '/properties/value': { title: 'Valor', description: 'El nuevo valor; admite plantillas. Con null, el campo queda vacío.' },
        },
        output: {
          '/properties/field': { description: 'El campo al que dio valor.' },
          '/properties/value': { description: 'El valor guardado, convertido al tipo del campo (el número 42 en un campo numérico); null si se vació.' },
        },
        ports: { next: 'Siguiente' },
      },
    },
    checkReferences: (config, { db }) =>
      checkInboxReferences(inbox, db, [{ path: '/field', kind: 'field', value: STANDARD_FIELDS.includes(config.field) ? undefined : config.field }]),
    run: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const conversation = await inbox.getConversation(ctx.db, conversationId);
      const { field } = ctx.config;
      const value = ctx.config.value ?? null;
      const change = STANDARD_FIELDS.includes(field) ? { [field]: value === null ? null : String(value) } : { fields: { [field]: value } };
      const contact = await inbox.updateContact(ctx.db, { contactId: conversation.contactId, conversationId, ...change });
      const stored = STANDARD_FIELDS.includes(field) ? contact[field as 'name' | 'email' | 'phone'] : (contact.fields[field] ?? null);
      return ctx.next('next', { field, value: stored });
    },
  });
}
