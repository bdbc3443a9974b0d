import { describe, expect, it } from 'vitest';
import type { TriggerEvent } from '@switchboard/sdk';
import { messageReceived } from './message-received.ts';
import { shortcut } from './shortcut.ts';

function eventSpec(node: typeof messageReceived) {
  if (node.trigger.source !== 'event') throw new Error('inbox triggers are event triggers');
  return node.trigger;
}

const message: TriggerEvent = { type: 'inbox.message_received', subject: 'conversation:1', data: { text: 'Quiero el precio', channel: 'whatsapp' } };

describe('inbox triggers', () => {
  it('listen to their inbox event and filter on its data with conditions', () => {
    const spec = eventSpec(messageReceived);
    expect(spec.eventTypes({})).toEqual(['inbox.message_received']);
    expect(spec.matches?.({}, message, { workflowId: 'w' })).toBe(true);
    const onlyWhatsapp = { conditions: { match: 'all' as const, rules: [{ path: 'data.channel', operator: 'equals' as const, value: 'telegram' }] } };
    expect(spec.matches?.(onlyWhatsapp, message, { workflowId: 'w' })).toBe(false);
  });

  it('start a shortcut only for the workflow the agent ran', () => {
    const spec = eventSpec(shortcut);
    const event: TriggerEvent = { type: 'inbox.shortcut', subject: 'conversation:1', data: { workflowId: 'w-1' } };
    expect([spec.matches?.({}, event, { workflowId: 'w-1' }), spec.matches?.({}, event, { workflowId: 'w-2' })]).toEqual([true, false]);
  });

  it('report condition values that are missing, at their paths', () => {
    expect(messageReceived.validate?.({ conditions: { match: 'all', rules: [{ path: 'data.text', operator: 'contains' }] } })).toEqual([
      { path: '/conditions/rules/0/value', message: expect.any(String) },
    ]);
  });
});
