import { describe, expect, it } from 'vitest';
import { paletteGroups } from './palette-items.ts';
import { testNodeTypes } from './test-node-types.ts';

const titles = (groups: ReturnType<typeof paletteGroups>) => groups.map((group) => [group.category, group.items.map((item) => item.title)]);

describe('paletteGroups', () => {
  it('groups by category with triggers first on a flow without one, last after', () => {
    expect(titles(paletteGroups(testNodeTypes.list, '', false))).toEqual([
      ['Inbox triggers', ['Conversation opened']],
      ['Inbox', ['Assign']],
      ['Flow', ['Branch', 'Wait']],
    ]);
    expect(titles(paletteGroups(testNodeTypes.list, '', true)).at(-1)).toEqual(['Inbox triggers', ['Conversation opened']]);
  });

  it('finds every word of the query in any order, ignoring case and accents', () => {
    expect(titles(paletteGroups(testNodeTypes.list, 'FLOW wáit', true))).toEqual([['Flow', ['Wait']]]);
    expect(paletteGroups(testNodeTypes.list, 'nothing like this', true)).toEqual([]);
  });

  it('puts a type whose title matches before one that only mentions the words', () => {
    const list = testNodeTypes.list.map((each) => (each.type === 'inbox.assign_to' ? { ...each, description: 'Waits for an agent' } : each));
    expect(titles(paletteGroups(list, 'wait', true))).toEqual([
      ['Flow', ['Wait']],
      ['Inbox', ['Assign']],
    ]);
  });
});
