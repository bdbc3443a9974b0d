import { describe, expect, it } from 'vitest';
import { assignedSignalKey } from '@switchboard/engine/inbox';
import { resumeNodeStep, runNodeStep } from '@switchboard/engine/testing';
import { createAssignTo } from './assign-to.ts';
import { fakeInbox } from './fake-inbox.ts';

const conversationId = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const teamId = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const subject = `conversation:${conversationId}`;
const now = new Date('2025-07-01T10:00:00.000Z');
const ana = { id: 'agent-1', name: 'Ana', email: 'ana@example.com', status: 'online', capacity: 3, openCount: 1 } as const;

describe('inbox.assign_to', () => {
  it('asks for a team assignment with its criteria and leaves by assigned with the agent', async () => {
    const { inbox, calls } = fakeInbox({
      assignByRule: () => ({
        kind: 'assigned',
        agent: ana,
        previousAgentId: null,
        kept: false,
        explanation: { code: 'least_open', params: { agent: 'Ana', open: 0 } },
      }),
    });
    const result = await runNodeStep(createAssignTo(inbox), {
      config: { target: 'team', teamId, strategy: 'least_open', capacity: 2, sticky: true, timeoutSeconds: 60 },
      subject,
      now,
    });
    expect(result).toEqual({
      kind: 'next',
      port: 'assigned',
      output: { agent: { id: 'agent-1', name: 'Ana', email: 'ana@example.com' }, previousAgentId: null, kept: false, queuedSeconds: 0 },
    });
    expect(calls).toEqual([
      [
        'assignByRule',
        {
          conversationId,
          criteria: { target: { kind: 'team', id: teamId }, strategy: 'least_open', onlyOnline: true, capacityLimit: 2, sticky: true },
          by: { runId: 'run-1', nodeId: 'node' },
          queueUntil: new Date('2025-07-01T10:01:00.000Z'),
        },
      ],
    ]);
  });

  it('waits for the assignment signal until the timeout when the conversation was queued', async () => {
    const { inbox } = fakeInbox({
      assignByRule: () => ({ kind: 'queued', signalKey: assignedSignalKey(conversationId), explanation: { code: 'queued_everyone_full' } }),
    });
    const result = await runNodeStep(createAssignTo(inbox), { config: { timeoutSeconds: 300 }, subject, now });
    expect(result).toEqual({
      kind: 'wait',
      wait: {
        signal: { key: assignedSignalKey(conversationId), since: 'now' },
        until: new Date('2025-07-01T10:05:00.000Z'),
        state: { queuedAt: now.toISOString() },
      },
      output: { queued: true, until: '2025-07-01T10:05:00.000Z' },
    });
  });

  it('leaves by timeout at once with timeoutSeconds 0, without queueing', async () => {
    const { inbox, calls } = fakeInbox({ assignByRule: () => ({ kind: 'unavailable', explanation: { code: 'unavailable_nobody_online' } }) });
    expect(await runNodeStep(createAssignTo(inbox), { config: { timeoutSeconds: 0 }, subject, now })).toEqual({
      kind: 'next',
      port: 'timeout',
      output: { reason: 'nobody_eligible', queuedSeconds: 0 },
    });
    expect(calls[0]?.[1]).not.toHaveProperty('queueUntil');
  });

  it('resumes by assigned on the signal, and by timeout after leaving the queue unless an assignment beat it', async () => {
    const later = new Date('2025-07-01T10:02:00.000Z');
    const state = { queuedAt: now.toISOString() };
    const signalled = fakeInbox({ findAgent: () => ({ ...ana, userId: null, teamIds: [], lastAssignedAt: null, createdAt: now, updatedAt: now }) });
    expect(
      await resumeNodeStep(createAssignTo(signalled.inbox), {
        config: {},
        subject,
        now: later,
        state,
        resumed: { reason: 'signal', data: { agentId: 'agent-1' } },
      }),
    ).toMatchObject({
      port: 'assigned',
      output: { agent: { id: 'agent-1' }, queuedSeconds: 120 },
    });
    const closed = fakeInbox({});
    expect(
      await resumeNodeStep(createAssignTo(closed.inbox), {
        config: {},
        subject,
        now: later,
        state,
        resumed: { reason: 'signal', data: { agentId: null, reason: 'conversation_closed' } },
      }),
    ).toMatchObject({
      port: 'timeout',
      output: { reason: 'conversation_closed' },
    });
    const timedOut = fakeInbox({ leaveAssignmentQueue: () => ({ kind: 'left' }) });
    expect(await resumeNodeStep(createAssignTo(timedOut.inbox), { config: {}, subject, now: later, state, resumed: { reason: 'timeout' } })).toEqual({
      kind: 'next',
      port: 'timeout',
      output: { reason: 'timeout', queuedSeconds: 120 },
    });
  });

  it('needs the team or agent its target names, and waits only before leaving by timeout, and only with one', () => {
    const node = createAssignTo(fakeInbox().inbox);
    const defaults = { strategy: 'round_robin', onlyOnline: true, capacity: 'agent', sticky: false, timeoutSeconds: 300 } as const;
    expect(node.validate?.({ ...defaults, target: 'team' })).toEqual([{ path: '/teamId', message: expect.stringContaining('teamId') }]);
    expect(node.validate?.({ ...defaults, target: 'agent' })).toEqual([{ path: '/agentId', message: expect.stringContaining('agentId') }]);
    expect(node.validate?.({ ...defaults, target: 'workspace' })).toEqual([]);
    if (typeof node.waits !== 'function') throw new Error('waits is computed');
    expect([node.waits({ ...defaults, target: 'workspace' }), node.waits({ ...defaults, target: 'workspace', timeoutSeconds: 0 })]).toEqual([
      ['timeout'],
      false,
    ]);
  });
});
