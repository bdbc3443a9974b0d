import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { describe, expect, it } from 'vitest';
import { checkConfigs } from './check-configs.ts';
import { countProblems, fileIssues, mergeProblems } from './problems.ts';

const flow: WorkflowDefinition = {
  name: 'Ventas',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {} },
    { id: 'assign', type: 'inbox.assign_to', config: { target: 'team', capacity: -1 } },
    { id: 'thanks', type: 'inbox.send_message', config: { text: '' } },
  ],
  edges: [
    { from: 'opened', to: 'assign' },
    { from: 'assign', port: 'nowhere', to: 'thanks' },
  ],
};

describe('fileIssues', () => {
  it("files the server's issues under the node each names, by the document it checked", () => {
    const problems = fileIssues(
      [
        { path: '/nodes/1/config/teamId', code: 'CONFIG_INVALID', message: 'Node "assign" (inbox.assign_to): "teamId" is required' },
        { path: '/nodes/2', code: 'GRAPH_UNREACHABLE_NODE', message: 'Node "thanks" cannot be reached' },
        { path: '/edges/1/port', code: 'GRAPH_UNKNOWN_PORT', message: 'Edge /edges/1 names port "nowhere"' },
        { path: '/settings/maxSteps', code: 'DEFINITION_INVALID', message: 'must be >= 1' },
        { path: '/nodes/9/config', code: 'CONFIG_INVALID', message: 'a node since removed' },
      ],
      flow,
    );
    expect(problems.byNode.get('assign')).toEqual([
      { field: '/teamId', code: 'CONFIG_INVALID', message: '"teamId" is required' },
      { field: '', code: 'GRAPH_UNKNOWN_PORT', message: 'Edge /edges/1 names port "nowhere"' },
    ]);
    expect(problems.byNode.get('thanks')).toEqual([{ field: '', code: 'GRAPH_UNREACHABLE_NODE', message: 'Node "thanks" cannot be reached' }]);
    expect(problems.document.map((problem) => problem.code)).toEqual(['DEFINITION_INVALID', 'CONFIG_INVALID']);
    expect(countProblems(problems)).toBe(5);
  });
});

describe('mergeProblems', () => {
  const server = fileIssues(
    [
      { path: '/nodes/1/config/teamId', code: 'CONFIG_INVALID', message: '"teamId" is required' },
      { path: '/nodes/1', code: 'GRAPH_UNREACHABLE_NODE', message: 'unreachable' },
      { path: '/nodes/2/config/text', code: 'CONFIG_INVALID', message: 'text is empty' },
    ],
    flow,
  );

  it("prefers the editor's own config checks and keeps the server's graph problems", () => {
    const live = { byNode: new Map([['assign', [{ field: '/capacity', code: 'CONFIG_INVALID', message: 'Capacidad: debe ser >= 0' }]]]), document: [] };
    const merged = mergeProblems(
      live,
      server,
      () => false,
      () => true,
    );
    expect(merged.byNode.get('assign')?.map((problem) => problem.message)).toEqual(['Capacidad: debe ser >= 0', 'unreachable']);
    // Valid to the editor, but the server's own checks (beyond the schema) found something.
    expect(merged.byNode.get('thanks')?.map((problem) => problem.message)).toEqual(['text is empty']);
  });

  it("drops the server's config problems of a node changed since the save, and of a node deleted", () => {
    const empty = { byNode: new Map(), document: [] };
    const merged = mergeProblems(
      empty,
      server,
      (id) => id === 'thanks',
      (id) => id !== 'assign',
    );
    expect(merged.byNode.has('thanks')).toBe(false);
    expect(merged.byNode.has('assign')).toBe(false);
  });
});

describe('checkConfigs', () => {
  it('files each node’s config problems under it, as CONFIG_INVALID, and skips types the server lacks', () => {
    const seen: unknown[] = [];
    const problems = checkConfigs(
      flow,
      (type) => (type === 'inbox.unknown' ? undefined : { type, configSchema: { title: type } }),
      (schema, config) => {
        seen.push((schema as { title: string }).title);
        return (config as { capacity?: number }).capacity === -1 ? [{ field: '/capacity', message: '«Capacidad» tiene que ser 0 o más.' }] : [];
      },
    );
    expect(seen).toEqual(['inbox.conversation_opened', 'inbox.assign_to', 'inbox.send_message']);
    expect([...problems.byNode]).toEqual([['assign', [{ field: '/capacity', message: '«Capacidad» tiene que ser 0 o más.', code: 'CONFIG_INVALID' }]]]);
    expect(problems.document).toEqual([]);
  });
});
