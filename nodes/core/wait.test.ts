import { describe, expect, it } from 'vitest';
import { eventSignalKey, SwitchboardError } from '@switchboard/sdk';
import { compileGraph, createNodeCatalog, portsForConfig } from '@switchboard/engine/graph';
import { resumeNodeStep, runNodeStep } from '@switchboard/engine/testing';
import { corePack } from './index.ts';
import { wait } from './wait.ts';

const now = new Date('2025-07-01T10:00:00.000Z');
const replyWait = { mode: 'event', event: 'message.received', timeoutAmount: 2, timeoutUnit: 'hours' };

describe('core.wait', () => {
  it('waits a duration from now', async () => {
    const result = await runNodeStep(wait, { config: { mode: 'duration', amount: 90, unit: 'seconds' }, now });
    expect(result).toEqual({ kind: 'wait', wait: { until: new Date('2025-07-01T10:01:30.000Z') }, output: { until: '2025-07-01T10:01:30.000Z' } });
  });

  it('waits five minutes by default', async () => {
    expect(await runNodeStep(wait, { config: {}, now })).toMatchObject({ kind: 'wait', wait: { until: new Date('2025-07-01T10:05:00.000Z') } });
  });

  it('waits in days as whole 24-hour spans', async () => {
    expect(await runNodeStep(wait, { config: { amount: 2, unit: 'days' }, now })).toMatchObject({ wait: { until: new Date('2025-07-03T10:00:00.000Z') } });
  });

  it('waits for the event on the run subject, counting events since the run started, until the timeout', async () => {
    const result = await runNodeStep(wait, { config: replyWait, now, subject: 'conversation:42' });
    expect(result).toEqual({
      kind: 'wait',
      wait: { signal: { key: eventSignalKey('message.received', 'conversation:42'), since: 'run' }, until: new Date('2025-07-01T12:00:00.000Z') },
      output: { event: 'message.received', subject: 'conversation:42', until: '2025-07-01T12:00:00.000Z' },
    });
  });

  it('refuses to wait for an event when the run has no subject', async () => {
    const error: unknown = await runNodeStep(wait, { config: replyWait, now, subject: null }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ code: 'STEP_INVALID_INPUT', kind: 'user', message: expect.stringContaining('has none') });
  });

  it('continues through next when a duration is over', async () => {
    const result = await resumeNodeStep(wait, { config: { amount: 1 }, now, resumed: { reason: 'timeout' } });
    expect(result).toEqual({ kind: 'next', port: 'next', output: { resumedAt: now.toISOString() } });
  });

  it('continues through received with the event data when the event arrives', async () => {
    const data = { text: 'gracias', messageId: 'm-1' };
    const result = await resumeNodeStep(wait, { config: replyWait, now, subject: 'conversation:42', resumed: { reason: 'signal', data } });
    expect(result).toEqual({ kind: 'next', port: 'received', output: data });
  });

  it('continues through timeout when no event arrives in time', async () => {
    const result = await resumeNodeStep(wait, { config: replyWait, now, subject: 'conversation:42', resumed: { reason: 'timeout' } });
    expect(result).toEqual({ kind: 'next', port: 'timeout', output: { event: 'message.received', timedOutAt: now.toISOString() } });
  });

  it('offers next for a duration and received and timeout for an event', () => {
    const defaults = { amount: 5, unit: 'minutes', timeoutAmount: 1, timeoutUnit: 'days' } as const;
    expect(portsForConfig(wait.ports, { ...defaults, mode: 'duration' })).toEqual(['next']);
    expect(portsForConfig(wait.ports, defaults)).toEqual(['next']);
    expect(portsForConfig(wait.ports, { ...defaults, mode: 'event', event: 'message.received' })).toEqual(['received', 'timeout']);
  });

  it('reports an event wait without an event, and waits longer than 366 days', () => {
    const base = { amount: 5, unit: 'minutes', timeoutAmount: 1, timeoutUnit: 'days' } as const;
    expect(wait.validate?.({ ...base, mode: 'event' })).toEqual([{ path: '/event', message: expect.stringContaining('needs the event type') }]);
    expect(wait.validate?.({ ...base, mode: 'duration', amount: 400, unit: 'days' })).toEqual([
      { path: '/amount', message: expect.stringContaining('366 days') },
    ]);
    expect(wait.validate?.({ ...base, mode: 'event', event: 'x', timeoutAmount: 367, timeoutUnit: 'days' })).toEqual([
      { path: '/timeoutAmount', message: expect.stringContaining('366 days') },
    ]);
    expect(wait.validate?.({ ...base, mode: 'duration', amount: 366, unit: 'days' })).toEqual([]);
  });

  it('counts as a wait for the loop guard with a positive duration or an event, never with 0', () => {
    if (typeof wait.waits !== 'function') throw new Error('waits is computed');
    const defaults = { amount: 5, unit: 'minutes', timeoutAmount: 1, timeoutUnit: 'days' } as const;
    expect([
      wait.waits({ ...defaults, mode: 'duration' }),
      wait.waits({ ...defaults, mode: 'duration', amount: 0 }),
      wait.waits({ ...defaults, mode: 'event', event: 'message.received' }),
    ]).toEqual([true, false, true]);
  });

  describe('in a loop', () => {
    const catalog = createNodeCatalog(corePack.map((node) => ({ node, source: 'core pack' })));
    const loopThroughWait = (config: Readonly<Record<string, unknown>>, port?: string) =>
      compileGraph(
        {
          name: 'Again and again',
          nodes: [
            { id: 'start', type: 'core.manual', config: {} },
            { id: 'a', type: 'core.set_variable', config: { assignments: [{ name: 'seen', value: 'yes' }] } },
            { id: 'pause', type: 'core.wait', config },
          ],
          edges: [
            { from: 'start', to: 'a' },
            { from: 'a', to: 'pause' },
            { from: 'pause', to: 'a', ...(port === undefined ? {} : { port }) },
          ],
        },
        catalog,
      );

    it('does not satisfy the loop guard with 0 seconds: a -> wait 0 s -> a is rejected at the loop', () => {
      const result = loopThroughWait({ mode: 'duration', amount: 0, unit: 'seconds' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ code: 'GRAPH_LOOP_WITHOUT_WAIT', path: '/nodes/1' })]);
      expect(loopThroughWait({ mode: 'duration', amount: 0, unit: 'days' }).ok).toBe(false);
    });

    it('satisfies it with a real wait: 1 second, or an event', () => {
      expect(loopThroughWait({ mode: 'duration', amount: 1, unit: 'seconds' }).ok).toBe(true);
      // Each pass takes an event of its own, whatever the timeout.
      expect(loopThroughWait({ mode: 'event', event: 'message.received', timeoutAmount: 1, timeoutUnit: 'seconds' }, 'received').ok).toBe(true);
    });
  });
});
