import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from './json-depth.ts';
import { validateDefinition } from './validate-definition.ts';

function definitionWithBody(body: unknown) {
  return {
    name: 'Deep body',
    nodes: [
      { id: 'start', type: 'core.manual', config: {} },
      { id: 'call', type: 'core.http_request', config: { method: 'POST', url: 'https://example.com', body } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  };
}

function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level += 1) value = { next: value };
  return value;
}

describe('validateDefinition', () => {
  it('refuses a definition nested 100,000 levels deep with the pointer of the first level past the limit', () => {
    // The definition holds the body at depth 4 (document, nodes, the node, config).
    const check = validateDefinition(definitionWithBody(nested(100_000)));
    expect(check.ok).toBe(false);
    const issues = check.ok ? [] : check.issues;
    expect(issues).toEqual([
      {
        path: `/nodes/1/config/body${'/next'.repeat(MAX_JSON_DEPTH - 4)}`,
        code: 'DEFINITION_INVALID',
        message: expect.stringContaining(`nested more than ${MAX_JSON_DEPTH} levels deep`),
      },
    ]);
  });

  it('accepts a definition that nests exactly to the limit', () => {
    expect(validateDefinition(definitionWithBody(nested(MAX_JSON_DEPTH - 4))).ok).toBe(true);
  });
});

describe('canvas layout in the definition', () => {
  const flow = {
    name: 'With notes',
    nodes: [
      { id: 'start', type: 'core.manual', config: {}, position: { x: 0, y: -120.5 } },
      { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 5, unit: 'minutes' }, position: { x: 0, y: 80 } },
    ],
    edges: [{ from: 'start', to: 'pause' }],
  };
  const issuesOf = (document: unknown) => {
    const check = validateDefinition(document);
    return check.ok ? [] : check.issues.map(({ path, code }) => ({ path, code }));
  };

  it('accepts sticky notes with a size and a palette color, and node positions', () => {
    const notes = [
      { id: 'why', text: 'Ventas pidió esto el lunes', x: 200, y: -40, width: 240, height: 120, color: 'yellow' },
      { id: 'todo', text: '', x: -1_000_000, y: 1_000_000 },
    ];
    const check = validateDefinition({ ...flow, notes });
    expect(check.ok).toBe(true);
    expect(check.ok && check.definition.notes).toEqual(notes);
  });

  it('refuses notes past their bounds with the pointer of each problem', () => {
    const notes = [
      { id: 'ok', text: 'fine', x: 0, y: 0 },
      { id: 'a/b', text: 'x'.repeat(5001), x: 1_000_001, y: 0, width: 5, color: '#ff0' },
      { id: 'no-text', x: 0, y: 0 },
    ];
    expect(issuesOf({ ...flow, notes }).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/notes/1/color', code: 'DEFINITION_INVALID' },
      { path: '/notes/1/id', code: 'DEFINITION_INVALID' },
      { path: '/notes/1/text', code: 'DEFINITION_INVALID' },
      { path: '/notes/1/width', code: 'DEFINITION_INVALID' },
      { path: '/notes/1/x', code: 'DEFINITION_INVALID' },
      { path: '/notes/2/text', code: 'DEFINITION_INVALID' },
    ]);
    expect(issuesOf({ ...flow, notes: Array.from({ length: 201 }, (_, index) => ({ id: `n${index}`, text: '', x: 0, y: 0 })) })).toEqual([
      { path: '/notes', code: 'DEFINITION_INVALID' },
    ]);
    expect(issuesOf({ ...flow, nodes: [{ ...flow.nodes[0], position: { x: 2e6, y: 0 } }, flow.nodes[1]] })).toEqual([
      { path: '/nodes/0/position/x', code: 'DEFINITION_INVALID' },
    ]);
  });

  it('refuses two notes with one id, pointing at the second', () => {
    const check = validateDefinition({
      ...flow,
      notes: [
        { id: 'same', text: 'first', x: 0, y: 0 },
        { id: 'other', text: '', x: 0, y: 0 },
        { id: 'same', text: 'second', x: 10, y: 10 },
      ],
    });
    expect(check.ok ? [] : check.issues).toEqual([
      { path: '/notes/2/id', code: 'DEFINITION_INVALID', message: 'Note id "same" is already used by /notes/0; each note needs an id of its own.' },
    ]);
  });
});
