/**
 * @internal Small node types for the API tests: one trigger per source and two
 * steps, defined with the public SDK exactly as a custom node would be.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineNode, SwitchboardError, Type } from '../sdk.ts';

const onEvent = defineNode({
  type: 'test.on_event',
  title: 'On test event',
  category: 'Test',
  description: 'Starts on events of the configured type.',
  kind: 'trigger',
  configSchema: Type.Object({ event: Type.String({ minLength: 1 }) }),
  ports: ['next'],
  trigger: { source: 'event', eventTypes: (config) => [config.event] },
});

const onWebhook = defineNode({
  type: 'test.on_webhook',
  title: 'On test webhook',
  category: 'Test',
  description: 'Starts on a webhook signed with `x-test-signature: <hex HMAC-SHA256 of the raw body>`.',
  kind: 'trigger',
  configSchema: Type.Object({ secret: Type.String({ minLength: 1 }) }),
  ports: ['next'],
  trigger: {
    source: 'webhook',
    verify: (config, request) => {
      const given = Buffer.from(String(request.headers['x-test-signature'] ?? ''));
      const expected = Buffer.from(createHmac('sha256', config.secret).update(request.rawBody, 'utf8').digest('hex'));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new SwitchboardError('WEBHOOK_SIGNATURE_INVALID', 'x-test-signature does not match the body.');
      }
    },
  },
});

const onManual = defineNode({
  type: 'test.on_manual',
  title: 'Started by hand',
  category: 'Test',
  description: 'Starts from the API.',
  kind: 'trigger',
  configSchema: Type.Object({}),
  ports: ['next'],
  trigger: { source: 'manual' },
});

const note = defineNode({
  type: 'test.note',
  title: 'Note',
  category: 'Test',
  description: 'Outputs its text.',
  kind: 'step',
  configSchema: Type.Object({ text: Type.String() }),
  ports: ['next'],
  run: (ctx) => ctx.next('next', { text: ctx.config.text }),
});

const choose = defineNode({
  type: 'test.choose',
  title: 'Choose',
  category: 'Test',
  description: 'Leaves by the first of its configured ports.',
  kind: 'step',
  configSchema: Type.Object({ options: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), { minItems: 1 }) }),
  ports: [{ kind: 'per_item', items: '/options', name: '' }],
  waits: (config) => config.options.includes('later'),
  run: (ctx) => ctx.next(ctx.config.options[0] ?? 'next'),
});

export const testNodes = [onEvent, onWebhook, onManual, note, choose];
