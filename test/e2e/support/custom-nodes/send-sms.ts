// A custom node as a developer would write one, loaded by the browser tests' engine through
// SWITCHBOARD_NODES (global-setup.ts): the editor must list it in the palette and give it a form
// generated from its schema, with no editor change.
import { defineNode, Type } from '@switchboard/sdk';

export const sendSms = defineNode({
  type: 'acme.send_sms',
  title: 'Send SMS',
  category: 'Acme',
  description: 'Sends a text message to a phone number through Acme SMS.',
  kind: 'step',
  configSchema: Type.Object(
    {
      phone: Type.String({ minLength: 5, title: 'Phone number', description: 'In international format, e.g. +52 55 1234 5678.' }),
      text: Type.String({ minLength: 1, maxLength: 160, title: 'Message', description: 'At most 160 characters.', 'x-template': 'multiline' }),
      priority: Type.Union([Type.Literal('normal'), Type.Literal('urgent')], { default: 'normal', title: 'Priority' }),
      flash: Type.Boolean({ default: false, title: 'Flash message', description: 'Shown on the screen at once, not stored.' }),
    },
    { additionalProperties: false },
  ),
  ports: ['sent', 'failed'],
  portLabels: { sent: 'Sent', failed: 'Failed' },
  summaryFields: ['phone', 'priority'],
  translations: {
    es: {
      title: 'Enviar SMS',
      category: 'Acme',
      description: 'Envía un mensaje de texto a un número de teléfono con Acme SMS.',
      ports: { sent: 'Enviado', failed: 'Falló' },
      config: {
        '/properties/phone': { title: 'Número de teléfono', description: 'En formato internacional, p. ej. +52 55 1234 5678.' },
        '/properties/text': { title: 'Mensaje', description: 'Como mucho 160 caracteres.' },
        '/properties/priority': { title: 'Prioridad' },
        '/properties/flash': { title: 'Mensaje flash', description: 'Se muestra en la pantalla al momento y no se guarda.' },
      },
    },
  },
  run: (ctx) => ctx.next('sent', { to: ctx.config.phone }),
});
