import { describe, expect, it } from 'vitest';
import type { NodeType } from '../node-types.ts';
import { configSummary } from './config-summary.ts';
import { testNodeTypes } from './test-node-types.ts';

const assign = testNodeTypes.get('inbox.assign_to') as NodeType;

describe('configSummary', () => {
  it('reads set fields in schema order: enum labels, picked names, true booleans by title, numbers with their title', () => {
    const config = { target: 'team', teamId: 't1', onlineOnly: true, capacity: 3 };
    expect(configSummary(assign, config, (picker, id) => (picker === 'team' && id === 't1' ? 'Sales' : undefined))).toBe(
      'A team · Sales · Online only · Cap: 3',
    );
  });

  it('leaves out false booleans and unset fields, and shows an id it cannot name', () => {
    expect(configSummary(assign, { teamId: 't9', onlineOnly: false })).toBe('t9');
  });

  it('follows summaryFields, defaults included, when the node type has them', () => {
    const withFields = { ...assign, summaryFields: ['capacity', 'target'] } as NodeType;
    expect(configSummary(withFields, { capacity: 2 })).toBe('Cap: 2 · A team');
  });

  it('counts arrays of objects and shortens long text to one line', () => {
    const branch = testNodeTypes.get('core.branch') as NodeType;
    expect(configSummary(branch, { branches: [{}, {}] })).toBe('Branches: 2');
    const text = { ...assign, configSchema: { type: 'object', properties: { text: { type: 'string' } } } } as NodeType;
    expect(configSummary(text, { text: 'Hello {{ contact.name }},\nwe are closed now and will answer tomorrow morning.' })).toBe(
      'Hello {{ contact.name }}, we are closed…',
    );
  });
});
