import type { InboxActions } from '@switchboard/engine/inbox';
import { type ConfigIssue, defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

const tagList = (title: string, description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { default: [], maxItems: 50, 'x-picker': 'tag', title, description });

/**
 * Adds and removes tags on the contact (emitting `inbox.contact_tag_updated`
 * when anything changed) or on the conversation.
 *
 * ```json
 * { "target": "contact", "add": ["vip"], "remove": ["lead"] }
 * ```
 */
export function createUpdateTags(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.update_tags',
    title: 'Update tags',
    category: 'Inbox',
    description: 'Adds and removes tags on the contact or the conversation.',
    kind: 'step',
    configSchema: Type.Object(
      {
        target: stringEnum(['contact', 'conversation'], {
          default: 'contact',
          title: 'Tag',
          description: 'The contact: tags that follow the person. The conversation: tags of this conversation only.',
          labels: { contact: 'The contact', conversation: 'The conversation' },
        }),
        add: tagList('Add', 'Tags to add; may use templates.'),
        remove: tagList('Remove', 'Tags to remove.'),
      },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: {
        added: { type: 'array', items: { type: 'string' }, description: 'The tags it added (not those already there).' },
        removed: { type: 'array', items: { type: 'string' }, description: 'The tags it removed (not those already missing).' },
        tags: { type: 'array', items: { type: 'string' }, description: 'The tags of the contact or the conversation now.' },
      },
      required: ['added', 'removed', 'tags'],
      additionalProperties: false,
      examples: [{ added: ['vip'], removed: ['lead'], tags: ['cliente', 'vip'] }],
    },
    summaryFields: ['target', 'add', 'remove'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Cambiar etiquetas',
        category: 'Bandeja de entrada',
        description: 'Añade y quita etiquetas del contacto o de la conversación.',
        config: {
          '/properties/target': {
            title: 'Etiquetar',
            description: 'El contacto: etiquetas que acompañan a la persona. La conversación: etiquetas solo de esta conversación.',
            enumNames: { contact: 'El contacto', conversation: 'La conversación' },
          },
          '/properties/add': { title: 'Añadir', description: 'Etiquetas que se añaden; admiten plantillas.' },
          '/properties/remove': { title: 'Quitar', description: 'Etiquetas que se quitan.' },
        },
        output: {
          '/properties/added': { description: 'Las etiquetas que añadió (no las que ya estaban).' },
          '/properties/removed': { description: 'Las etiquetas que quitó (no las que ya faltaban).' },
          '/properties/tags': { description: 'Las etiquetas que tiene ahora el contacto o la conversación.' },
        },
        ports: { next: 'Siguiente' },
      },
    },
    validate: (config) => {
      const issues: ConfigIssue[] = [];
      if (config.add.length === 0 && config.remove.length === 0) issues.push({ path: '/add', message: 'Nothing to do: list tags to add or to remove.' });
      return issues;
    },
    run: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const { add, remove } = ctx.config;
      if (ctx.config.target === 'conversation') return ctx.next('next', await inbox.updateConversationTags(ctx.db, { conversationId, add, remove }));
      const conversation = await inbox.getConversation(ctx.db, conversationId);
      return ctx.next('next', await inbox.updateContactTags(ctx.db, { contactId: conversation.contactId, conversationId, add, remove }));
    },
  });
}
