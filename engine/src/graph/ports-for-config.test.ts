import { describe, expect, it } from 'vitest';
import { portsForConfig } from './ports-for-config.ts';
import type { PortRule } from './port-rule.ts';

const perBranch: PortRule = [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'];
const byType: PortRule = [
  { kind: 'switch', on: '/type', cases: { multiple_choice: [{ kind: 'per_item', items: '/choices', name: '/id' }] }, default: ['answered'] },
  'timeout',
];

describe('portsForConfig', () => {
  it('returns a fixed list as it is', () => {
    expect(portsForConfig(['open', 'closed'], { anything: true })).toEqual(['open', 'closed']);
  });

  it('gives one port per array item, in order, then the fixed ones', () => {
    expect(portsForConfig(perBranch, { branches: [{ id: 'vip' }, { id: 'urgent' }] })).toEqual(['vip', 'urgent', 'else']);
  });

  it('names each port by the item itself for an empty name pointer', () => {
    expect(portsForConfig([{ kind: 'per_item', items: '/options', name: '' }], { options: ['now', 'later'] })).toEqual(['now', 'later']);
  });

  it('picks the case of the config value, or the default when none matches or the value is missing', () => {
    const config = { type: 'multiple_choice', choices: [{ id: 'sales' }, { id: 'support' }] };
    expect(portsForConfig(byType, config)).toEqual(['sales', 'support', 'timeout']);
    expect(portsForConfig(byType, { type: 'rating', choices: [{ id: 'sales' }] })).toEqual(['answered', 'timeout']);
    expect(portsForConfig(byType, {})).toEqual(['answered', 'timeout']);
  });

  it('matches booleans and numbers by their text', () => {
    const rule: PortRule = [{ kind: 'switch', on: '/strict', cases: { true: ['valid', 'invalid'] }, default: ['next'] }];
    expect(portsForConfig(rule, { strict: true })).toEqual(['valid', 'invalid']);
    expect(portsForConfig(rule, { strict: false })).toEqual(['next']);
  });

  it('lists a port named twice once, and skips items without a string name', () => {
    expect(portsForConfig(perBranch, { branches: [{ id: 'a' }, { id: 'a' }, { id: 3 }, null, { id: 'else' }] })).toEqual(['a', 'else']);
  });

  it('yields only the fixed ports when the config does not fit the rule', () => {
    expect(portsForConfig(perBranch, { branches: 'nope' })).toEqual(['else']);
    expect(portsForConfig(perBranch, null)).toEqual(['else']);
  });

  it('reads escaped pointer segments and never inherited properties', () => {
    expect(portsForConfig([{ kind: 'per_item', items: '/a~1b', name: '/x~0y' }], { 'a/b': [{ 'x~y': 'p' }] })).toEqual(['p']);
    expect(portsForConfig([{ kind: 'switch', on: '/constructor', cases: {}, default: ['next'] }], {})).toEqual(['next']);
    expect(portsForConfig([{ kind: 'switch', on: '/kind', cases: {}, default: ['next'] }], { kind: 'toString' })).toEqual(['next']);
  });
});
