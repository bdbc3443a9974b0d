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
