import { describe, expect, it } from 'vitest';
import type { NodeDatabase } from '@switchboard/sdk';
import { createAssignTo } from './assign-to.ts';
import { checkInboxReferences } from './check-inbox-references.ts';
import { fakeInbox } from './fake-inbox.ts';

const db = {} as NodeDatabase;
const teamId = '0f0f0f0f-0000-4000-8000-000000000001';

/** An inbox where nothing exists: every reference asked about is missing. */
function emptyInbox() {
  return fakeInbox({ findMissingReferences: (references) => ({ teamIds: [], agentIds: [], fieldKeys: [], snippets: [], ...references }) });
}

describe('checkInboxReferences', () => {
  it('asks the inbox once and reports each missing reference at its path', async () => {
    const { inbox, calls } = emptyInbox();
    const issues = await checkInboxReferences(inbox, db, [
      { path: '/teamId', kind: 'team', value: teamId },
      { path: '/field', kind: 'field', value: 'tier' },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual(['/teamId', '/field']);
    expect(issues[0]?.message).toContain(`no team has the id "${teamId}"`);
    expect(calls).toEqual([['findMissingReferences', { teamIds: [teamId], agentIds: [], fieldKeys: ['tier'], snippets: [] }]]);
  });

  it('skips templates and unset values without asking', async () => {
    const { inbox, calls } = emptyInbox();
    expect(
      await checkInboxReferences(inbox, db, [
        { path: '/teamId', kind: 'team', value: '{{ vars.team }}' },
        { path: '/agentId', kind: 'agent', value: undefined },
      ]),
    ).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reports nothing for references that exist', async () => {
    const { inbox } = fakeInbox({ findMissingReferences: () => ({ teamIds: [], agentIds: [], fieldKeys: [], snippets: [] }) });
    expect(await checkInboxReferences(inbox, db, [{ path: '/teamId', kind: 'team', value: teamId }])).toEqual([]);
  });
});

describe('inbox.assign_to checkReferences', () => {
  it('checks only the id its target uses', async () => {
    const { inbox, calls } = emptyInbox();
    const node = createAssignTo(inbox);
    const issues = await node.checkReferences?.(
      { target: 'agent', agentId: 'Ana', teamId, strategy: 'round_robin', onlyOnline: true, capacity: 'agent', sticky: false, timeoutSeconds: 0 },
      { db },
    );
    expect(issues).toEqual([{ path: '/agentId', message: expect.stringContaining('"Ana" is not an agent id') }]);
    expect(calls).toEqual([['findMissingReferences', { teamIds: [], agentIds: ['Ana'], fieldKeys: [], snippets: [] }]]);
  });

  it('checks nothing for the whole workspace', async () => {
    const { inbox, calls } = emptyInbox();
    const config = { target: 'workspace', teamId, strategy: 'round_robin', onlyOnline: true, capacity: 'agent', sticky: false, timeoutSeconds: 0 } as const;
    expect(await createAssignTo(inbox).checkReferences?.(config, { db })).toEqual([]);
    expect(calls).toEqual([]);
  });
});
