import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// Through the engine's SDK: the status a code answers with comes from the engine's catalogue.
import { SwitchboardError, type WebhookRequest } from '@switchboard/engine/sdk';
import { webhook } from './webhook.ts';

const secret = 'whsec_test';
const rawBody = JSON.stringify({ conversation: { id: 'conversation:42', number: 42 }, text: 'hola ñandú' });
const signature = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
const config = { secret, signatureHeader: 'x-switchboard-signature' };

function webhookSpec() {
  if (webhook.trigger.source !== 'webhook') throw new Error('core.webhook must be a webhook trigger');
  return webhook.trigger;
}

function request(headers: WebhookRequest['headers'], body = rawBody): WebhookRequest {
  return { headers, rawBody: body, body: JSON.parse(body) };
}

function verify(config: Parameters<NonNullable<ReturnType<typeof webhookSpec>['verify']>>[0], req: WebhookRequest): unknown {
  try {
    webhookSpec().verify?.(config, req);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('core.webhook', () => {
  it('accepts a request signed with the secret', () => {
    expect(verify(config, request({ 'x-switchboard-signature': signature }))).toBeUndefined();
  });

  it('finds the signature header whatever its case', () => {
    expect(verify({ secret, signatureHeader: 'X-Hub-Signature-256' }, request({ 'x-hub-signature-256': signature }))).toBeUndefined();
  });

  it('refuses a request without the signature header, naming the header', () => {
    const error = verify(config, request({ 'content-type': 'application/json' }));
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      status: 401,
      message: expect.stringContaining('"x-switchboard-signature" header is missing'),
    });
  });

  it('refuses a signature made with another secret', () => {
    const forged = `sha256=${createHmac('sha256', 'guess').update(rawBody).digest('hex')}`;
    expect(verify(config, request({ 'x-switchboard-signature': forged }))).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      message: expect.stringContaining('does not match'),
    });
  });

  it('refuses a valid signature sent with a changed body', () => {
    const changed = rawBody.replace('42', '43');
    expect(verify(config, request({ 'x-switchboard-signature': signature }, changed))).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
  });

  it('refuses a signature of the wrong length or without its sha256= prefix', () => {
    expect(verify(config, request({ 'x-switchboard-signature': 'sha256=abc' }))).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect(verify(config, request({ 'x-switchboard-signature': signature.slice('sha256='.length) }))).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
  });

  it('accepts any request when no secret is set', () => {
    expect(verify({ signatureHeader: 'x-switchboard-signature' }, request({}))).toBeUndefined();
  });

  it('takes the run subject from the body path, as text', () => {
    const subject = webhookSpec().subject;
    const req = request({});
    expect(subject?.({ signatureHeader: 'x', subjectPath: 'conversation.id' }, req)).toBe('conversation:42');
    expect(subject?.({ signatureHeader: 'x', subjectPath: 'conversation.number' }, req)).toBe('42');
    expect(subject?.({ signatureHeader: 'x', subjectPath: 'conversation' }, req)).toBeNull();
    expect(subject?.({ signatureHeader: 'x', subjectPath: 'missing.path' }, req)).toBeNull();
    expect(subject?.({ signatureHeader: 'x' }, req)).toBeNull();
  });
});

describe('core.webhook config', () => {
  it('takes its signing secret from the secret store, and refuses one written into the workflow', () => {
    expect(webhook.validate?.({ secret: '{{ secrets.ACME_WEBHOOK }}', signatureHeader: 'x-switchboard-signature' })).toEqual([]);
    expect(webhook.validate?.({ signatureHeader: 'x-switchboard-signature' })).toEqual([]);
    expect(webhook.validate?.({ secret: 'whsec_test', signatureHeader: 'x-switchboard-signature' })).toEqual([
      { path: '/secret', message: expect.stringContaining('set "secret" to "{{ secrets.<NAME> }}"') },
    ]);
    expect(webhook.validate?.({ secret: 'prefix {{ secrets.ACME_WEBHOOK }}', signatureHeader: 'x-switchboard-signature' })).toHaveLength(1);
  });
});
