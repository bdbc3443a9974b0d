import { describe, expect, it } from 'vitest';
import type { TriggerEvent } from '@switchboard/sdk';
import { event } from './event.ts';

type EventConfig = Parameters<NonNullable<typeof event.validate>>[0];

function eventSpec() {
  if (event.trigger.source !== 'event') throw new Error('core.event must be an event trigger');
  return event.trigger;
}

const paid: TriggerEvent = { type: 'order.paid', subject: 'customer:7', data: { total: 250, currency: 'EUR', items: ['book'] } };

describe('core.event', () => {
  it('listens to the configured event type', () => {
    expect(eventSpec().eventTypes({ event: 'order.paid' })).toEqual(['order.paid']);
  });

  it('matches every event of the type when there are no conditions', () => {
    expect(eventSpec().matches?.({ event: 'order.paid' }, paid, { workflowId: 'w' })).toBe(true);
  });

  it('filters on the event data, type and subject', () => {
    const config: EventConfig = {
      event: 'order.paid',
      conditions: {
        match: 'all',
        rules: [
          { path: 'data.total', operator: 'greater_than', value: 100 },
          { path: 'subject', operator: 'starts_with', value: 'customer:' },
          { path: 'type', operator: 'equals', value: 'order.paid' },
        ],
      },
    };
    expect(eventSpec().matches?.(config, paid, { workflowId: 'w' })).toBe(true);
    expect(eventSpec().matches?.(config, { ...paid, data: { total: 50 } }, { workflowId: 'w' })).toBe(false);
  });

  it('matches when any rule holds in any mode', () => {
    const config: EventConfig = {
      event: 'order.paid',
      conditions: {
        match: 'any',
        rules: [
          { path: 'data.currency', operator: 'equals', value: 'usd', ignoreCase: true },
          { path: 'data.items', operator: 'contains', value: 'book' },
        ],
      },
    };
    expect(eventSpec().matches?.(config, paid, { workflowId: 'w' })).toBe(true);
    expect(eventSpec().matches?.(config, { ...paid, data: { currency: 'EUR', items: [] } }, { workflowId: 'w' })).toBe(false);
  });

  it('reports a rule without its value under /conditions/rules', () => {
    const issues = event.validate?.({ event: 'order.paid', conditions: { match: 'all', rules: [{ path: 'data.total', operator: 'less_than' }] } });
    expect(issues).toEqual([{ path: '/conditions/rules/0/value', message: expect.stringContaining('needs a value') }]);
  });
});
