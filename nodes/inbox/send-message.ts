import type { InboxActions } from '@switchboard/engine/inbox';
import { type ConfigIssue, defineNode, SwitchboardError, Type } from '@switchboard/sdk';
import { samples } from './samples.ts';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';
import { checkInboxReferences } from './check-inbox-references.ts';

const attachmentSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, 'x-template': true, title: 'URL', description: 'Where the channel fetches the file from.' }),
    name: Type.Optional(Type.String({ maxLength: 255, title: 'File name', description: 'Shown to the contact.' })),
    contentType: Type.Optional(Type.String({ maxLength: 255, title: 'Content type', description: 'e.g. application/pdf.' })),
  },
  { additionalProperties: false },
);

/**
 * Sends a message to the contact on the conversation's channel: a template
 * text, or a snippet by its shortcut. Marked as sent by automation (or bot),
 * so it never counts as a human reply. Delivered by the outbox with retries;
 * a retried step never sends twice (its idempotency key).
 *
 * ```json
 * { "text": "Hola {{ contact.firstName }}, te atiende {{ assignee.name }}." }
 * ```
 */
export function createSendMessage(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.send_message',
    title: 'Send message',
    category: 'Inbox',
    description: 'Sends a text or a snippet to the contact, marked as sent by automation.',
    kind: 'step',
    configSchema: Type.Object(
      {
        text: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 4096,
            'x-template': 'multiline',
            title: 'Text',
            description: 'The message; may use templates, e.g. {{ assignee.name }}.',
          }),
        ),
        snippet: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 100,
            'x-picker': 'snippet',
            title: 'Snippet',
            description: "A snippet's shortcut (or id): sends its text instead.",
          }),
        ),
        sender: stringEnum(['automation', 'bot'], {
          default: 'automation',
          title: 'Sent as',
          description: 'Automation or bot; neither counts as a human reply.',
          labels: { automation: 'Automation', bot: 'Bot' },
        }),
        attachments: Type.Array(attachmentSchema, {
          default: [],
          maxItems: 10,
          title: 'Attachments',
          description: 'Files to send with the text (their metadata; the channel fetches them).',
        }),
      },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: {
        messageId: { type: 'string', description: "The message's id in the conversation." },
        text: { type: 'string', description: "The text sent (the snippet's, when it sent one)." },
      },
      additionalProperties: false,
      examples: [{ messageId: samples.messageId, text: 'Hola Ana, te atiende Carlos.' }],
    },
    summaryFields: ['text', 'snippet'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Enviar mensaje',
        category: 'Bandeja de entrada',
        description: 'Envía al contacto un texto o una respuesta predefinida, marcado como enviado por la automatización.',
        config: {
          '/properties/text': { title: 'Texto', description: 'El mensaje; admite plantillas, p. ej. {{ assignee.name }}.' },
          '/properties/snippet': {
            title: 'Respuesta predefinida',
            description: 'El atajo (o el id) de una respuesta predefinida: se envía su texto en lugar del mensaje.',
          },
          '/properties/sender': {
            title: 'Enviado como',
            description: 'Automatización o bot; ninguno de los dos cuenta como respuesta de una persona.',
            enumNames: { automation: 'Automatización', bot: 'Bot' },
          },
          '/properties/attachments': { title: 'Adjuntos', description: 'Archivos que se envían con el texto (sus datos; el canal los descarga).' },
          '/properties/attachments/items/properties/url': { title: 'URL', description: 'Desde dónde descarga el canal el archivo.' },
          '/properties/attachments/items/properties/name': { title: 'Nombre del archivo', description: 'Lo ve el contacto.' },
          '/properties/attachments/items/properties/contentType': { title: 'Tipo de contenido', description: 'P. ej. application/pdf.' },
        },
        output: {
          '/properties/messageId': { description: 'El id del mensaje en la conversación.' },
          '/properties/text': { description: 'El texto enviado (el de la respuesta predefinida, si envió una).' },
        },
        ports: { next: 'Siguiente' },
      },
    },
    validate: (config) => {
      const issues: ConfigIssue[] = [];
      if ((config.text === undefined) === (config.snippet === undefined))
        issues.push({ path: '/text', message: 'Set either a text or a snippet to send (one of them, not both).' });
      return issues;
    },
    checkReferences: (config, { db }) => checkInboxReferences(inbox, db, [{ path: '/snippet', kind: 'snippet', value: config.snippet }]),
    run: async (ctx) => {
      const conversationId = runConversationId(ctx);
      let { text } = ctx.config;
      if (ctx.config.snippet !== undefined) {
        const snippet = await inbox.findSnippet(ctx.db, ctx.config.snippet);
        if (snippet === undefined)
          throw new SwitchboardError('INBOX_SNIPPET_NOT_FOUND', `Node "${ctx.node.id}" sends snippet "${ctx.config.snippet}", which does not exist.`, {
            path: '/config/snippet',
          });
        text = snippet.text;
      }
      const message = await inbox.sendMessage(ctx.db, {
        conversationId,
        text: text ?? '',
        sender: { type: ctx.config.sender },
        attachments: ctx.config.attachments,
        idempotencyKey: ctx.idempotencyKey,
      });
      return ctx.next('next', { messageId: message.id, text: message.text });
    },
  });
}
