import { describe, expect, it } from 'vitest';
import { canonicalJson, diffValues, sameJson } from './diff-values.ts';

describe('diffValues', () => {
  it('finds nothing between equal values whatever their key order', () => {
    expect(diffValues({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('treats a key set to undefined as an absent key', () => {
    expect(diffValues({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(sameJson({ a: undefined }, {})).toBe(true);
  });

  it('names each changed, added and removed field by its pointer', () => {
    expect(diffValues({ cap: 3, team: 't1', old: true }, { team: 't2', cap: 3, mode: 'round_robin' })).toEqual([
      { kind: 'changed', pointer: '/team', before: 't1', after: 't2' },
      { kind: 'added', pointer: '/mode', before: undefined, after: 'round_robin' },
      { kind: 'removed', pointer: '/old', before: true, after: undefined },
    ]);
  });

  it('goes down nested objects to the field that changed', () => {
    expect(diffValues({ body: { json: { a: 1, b: 2 } } }, { body: { json: { a: 1, b: 3 } } })).toEqual([
      { kind: 'changed', pointer: '/body/json/b', before: 2, after: 3 },
    ]);
  });

  it('reports a whole nested object added or removed once, not leaf by leaf', () => {
    expect(diffValues({}, { headers: { a: '1', b: '2' } })).toEqual([{ kind: 'added', pointer: '/headers', before: undefined, after: { a: '1', b: '2' } }]);
    expect(diffValues({ headers: { a: '1' } }, {})).toEqual([{ kind: 'removed', pointer: '/headers', before: { a: '1' }, after: undefined }]);
  });

  it('escapes ~ and / in keys as RFC 6901 says', () => {
    expect(diffValues({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }).map((change) => change.pointer)).toEqual(['/a~1b', '/c~0d']);
  });

  it('reports a type change (string to object, object to list) at the field', () => {
    expect(diffValues({ a: 'x' }, { a: { b: 1 } })).toEqual([{ kind: 'changed', pointer: '/a', before: 'x', after: { b: 1 } }]);
    expect(diffValues({ a: { b: 1 } }, { a: [{ b: 1 }] })).toEqual([{ kind: 'changed', pointer: '/a', before: { b: 1 }, after: [{ b: 1 }] }]);
  });

  it('treats a list of plain values (tags, weekdays) as one value', () => {
    expect(diffValues({ tags: ['a', 'b'] }, { tags: ['a', 'c'] })).toEqual([{ kind: 'changed', pointer: '/tags', before: ['a', 'b'], after: ['a', 'c'] }]);
    expect(diffValues({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual([{ kind: 'changed', pointer: '/tags', before: ['a', 'b'], after: ['b', 'a'] }]);
  });

  it('distinguishes null from absent and 0 from false', () => {
    expect(diffValues({ a: null }, {})).toEqual([{ kind: 'removed', pointer: '/a', before: null, after: undefined }]);
    expect(diffValues({ a: 0 }, { a: false })).toEqual([{ kind: 'changed', pointer: '/a', before: 0, after: false }]);
  });

  describe('lists of objects', () => {
    const monday = { day: 'monday', open: '09:00', close: '18:00' };
    const tuesday = { day: 'tuesday', open: '09:00', close: '18:00' };
    const wednesday = { day: 'wednesday', open: '09:00', close: '18:00' };

    it('edits an item in place field by field (a schedule interval closing earlier)', () => {
      expect(diffValues({ schedule: [monday, tuesday, wednesday] }, { schedule: [monday, { ...tuesday, close: '17:00' }, wednesday] })).toEqual([
        { kind: 'changed', pointer: '/schedule/1/close', before: '18:00', after: '17:00' },
      ]);
    });

    it('reports an item inserted at the top as one addition, not every later item changed', () => {
      const sunday = { day: 'sunday', open: '10:00', close: '14:00' };
      expect(diffValues({ schedule: [monday, tuesday] }, { schedule: [sunday, monday, tuesday] })).toEqual([
        { kind: 'added', pointer: '/schedule/0', before: undefined, after: sunday },
      ]);
    });

    it('reports a removed item at its index in the list before', () => {
      expect(diffValues({ schedule: [monday, tuesday, wednesday] }, { schedule: [monday, wednesday] })).toEqual([
        { kind: 'removed', pointer: '/schedule/1', before: tuesday, after: undefined },
      ]);
    });

    it('names an item that shifted by its new index and says where it was', () => {
      const sunday = { day: 'sunday', open: '10:00', close: '14:00' };
      expect(diffValues({ schedule: [monday, tuesday] }, { schedule: [sunday, monday, { ...tuesday, open: '08:00' }] })).toEqual([
        { kind: 'added', pointer: '/schedule/0', before: undefined, after: sunday },
        { kind: 'changed', pointer: '/schedule/2/open', from: '/schedule/1/open', before: '09:00', after: '08:00' },
      ]);
    });

    it('matches items by id, so a branch keeps its identity when its conditions change', () => {
      const vip = { id: 'vip', match: 'any', conditions: [{ path: 'contact.tags', operator: 'contains', value: 'vip' }] };
      const sales = { id: 'sales', match: 'any', conditions: [{ path: 'trigger.text', operator: 'contains', value: 'price' }] };
      const support = { id: 'support', match: 'any', conditions: [{ path: 'trigger.text', operator: 'contains', value: 'help' }] };
      const after = {
        branches: [
          { ...sales, conditions: [{ path: 'trigger.text', operator: 'contains', value: 'pricing' }] },
          { ...vip, match: 'all' },
        ],
      };
      expect(diffValues({ branches: [vip, support, sales] }, after)).toEqual([
        { kind: 'removed', pointer: '/branches/1', before: support, after: undefined },
        { kind: 'changed', pointer: '/branches/0/conditions/0/value', from: '/branches/2/conditions/0/value', before: 'price', after: 'pricing' },
        { kind: 'moved', pointer: '/branches/1', from: '/branches/0', before: vip, after: after.branches[1] },
        { kind: 'changed', pointer: '/branches/1/match', from: '/branches/0/match', before: 'any', after: 'all' },
      ]);
    });

    it('reads a renamed branch id as a change of its id', () => {
      expect(diffValues({ branches: [{ id: 'vip', conditions: [] }] }, { branches: [{ id: 'vip_customer', conditions: [] }] })).toEqual([
        { kind: 'changed', pointer: '/branches/0/id', before: 'vip', after: 'vip_customer' },
      ]);
    });

    it('reports an item that only changed places as moved', () => {
      const a = { id: 'a', label: 'A' };
      const b = { id: 'b', label: 'B' };
      const c = { id: 'c', label: 'C' };
      expect(diffValues({ choices: [a, b, c] }, { choices: [c, a, b] })).toEqual([
        { kind: 'moved', pointer: '/choices/0', from: '/choices/2', before: c, after: c },
      ]);
    });

    it('falls back to content when ids repeat', () => {
      const twin = { id: 'x', label: 'One' };
      expect(diffValues({ list: [twin, twin] }, { list: [twin, { id: 'x', label: 'Two' }] })).toEqual([
        { kind: 'changed', pointer: '/list/1/label', before: 'One', after: 'Two' },
      ]);
    });

    it('compares items whatever their key order', () => {
      expect(diffValues({ schedule: [monday] }, { schedule: [{ close: '18:00', open: '09:00', day: 'monday' }] })).toEqual([]);
    });

    it('reports a list filled from empty or emptied item by item', () => {
      expect(diffValues({ holidays: [] }, { holidays: [{ date: '2025-12-25' }] })).toEqual([
        { kind: 'added', pointer: '/holidays/0', before: undefined, after: { date: '2025-12-25' } },
      ]);
      expect(diffValues({ holidays: [{ date: '2025-12-25' }, { date: '2026-01-01' }] }, { holidays: [] })).toEqual([
        { kind: 'removed', pointer: '/holidays/0', before: { date: '2025-12-25' }, after: undefined },
        { kind: 'removed', pointer: '/holidays/1', before: { date: '2026-01-01' }, after: undefined },
      ]);
    });

    it('goes into lists inside list items (a branch’s conditions)', () => {
      const condition = (value: string) => ({ path: 'contact.tags', operator: 'contains', value });
      const before = { branches: [{ id: 'vip', conditions: [condition('vip'), condition('gold')] }] };
      const after = { branches: [{ id: 'vip', conditions: [condition('vip'), condition('platinum'), condition('gold')] }] };
      expect(diffValues(before, after)).toEqual([{ kind: 'added', pointer: '/branches/0/conditions/1', before: undefined, after: condition('platinum') }]);
    });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"e":2,"f":1}]},"b":1}');
  });
});
