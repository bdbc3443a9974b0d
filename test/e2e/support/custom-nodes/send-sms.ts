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
      portLabels: { sent: 'Enviado', failed: 'Falló' },
    },
  },
  run: (ctx) => ctx.next('sent', { to: ctx.config.phone }),
});
