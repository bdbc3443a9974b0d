import { describe, expect, it } from 'vitest';
import { fieldPath, humanize, schemaAt } from './field-path.ts';
import { shorten, type ValueWords, valueText } from './value-text.ts';

const branchSchema = {
  type: 'object',
  properties: {
    branches: {
      type: 'array',
      title: 'Branches',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', title: 'Port' },
          name: { type: 'string', title: 'Name' },
          match: { type: 'string', title: 'Match', enum: ['any', 'all'], 'x-enumNames': ['Any condition', 'All conditions'] },
          conditions: { type: 'array', title: 'Conditions', items: { type: 'object', properties: { value: { title: 'Value' } } } },
        },
      },
    },
  },
};

const assignSchema = {
  type: 'object',
  properties: {
    capacity: {
      title: 'Capacity',
      anyOf: [
        { const: 'agent', title: "Each agent's own capacity" },
        { type: 'integer', title: 'At most this many' },
      ],
    },
    onlyOnline: { type: 'boolean', title: 'Only online agents' },
  },
  // JSON Schema's if/then, written as JSON since biome takes a `then` key for a thenable.
  allOf: [
    JSON.parse('{ "if": { "properties": { "target": { "const": "team" } } }, "then": { "properties": { "teamId": { "type": "string", "title": "Team" } } } }'),
  ],
};

describe('schemaAt', () => {
  it('follows properties and items', () => {
    expect(schemaAt(branchSchema, '/branches/3/conditions/0/value')).toEqual({ title: 'Value' });
  });

  it('looks inside allOf and if/then for a property', () => {
    expect(schemaAt(assignSchema, '/teamId')).toEqual({ type: 'string', title: 'Team' });
  });

  it('is undefined past what the schema describes', () => {
    expect(schemaAt(branchSchema, '/nothing/here')).toBeUndefined();
    expect(schemaAt(undefined, '/a')).toBeUndefined();
  });
});

describe('fieldPath', () => {
  const config = {
    branches: [
      { id: 'vip', conditions: [{ value: 'x' }] },
      { id: 'sales', name: 'Sales leads', conditions: [{ value: 'y' }, { value: 'z' }] },
    ],
  };

  it('titles fields from the schema and names items by what they call themselves', () => {
    expect(fieldPath(branchSchema, config, '/branches/1/conditions/1/value')).toEqual([
      { kind: 'field', key: 'branches', title: 'Branches' },
      { kind: 'item', index: 1, label: 'Sales leads' },
      { kind: 'field', key: 'conditions', title: 'Conditions' },
      { kind: 'item', index: 1, label: undefined },
      { kind: 'field', key: 'value', title: 'Value' },
    ]);
  });

  it('falls back to the key in words when the schema has no title', () => {
    expect(fieldPath({}, {}, '/timeoutSeconds')).toEqual([{ kind: 'field', key: 'timeoutSeconds', title: 'Timeout seconds' }]);
  });

  it('knows an index is an item from the schema even when the value has no such list', () => {
    expect(fieldPath(branchSchema, {}, '/branches/0')).toEqual([
      { kind: 'field', key: 'branches', title: 'Branches' },
      { kind: 'item', index: 0, label: undefined },
    ]);
  });

  it('unescapes ~1 and ~0', () => {
    expect(fieldPath({}, {}, '/a~1b')[0]).toMatchObject({ key: 'a/b' });
  });
});

describe('humanize', () => {
  it('splits camelCase and snake_case', () => {
    expect(humanize('saveToField')).toBe('Save to field');
    expect(humanize('max_attempts')).toBe('Max attempts');
  });
});

describe('valueText', () => {
  const words: ValueWords = {
    notSet: '(not set)',
    empty: '(empty)',
    yes: 'Yes',
    no: 'No',
    items: (count) => `${count} items`,
    number: (value) => value.toLocaleString('en'),
  };

  it('shows an enum value by its label', () => {
    expect(valueText('all', schemaAt(branchSchema, '/branches/0/match'), words)).toBe('All conditions');
  });

  it('shows an anyOf const by its title and a number as a number', () => {
    const capacity = schemaAt(assignSchema, '/capacity');
    expect(valueText('agent', capacity, words)).toBe("Each agent's own capacity");
    expect(valueText(1200, capacity, words)).toBe('1,200');
  });

  it('says yes, no, not set and empty', () => {
    expect(valueText(true, undefined, words)).toBe('Yes');
    expect(valueText(false, undefined, words)).toBe('No');
    expect(valueText(undefined, undefined, words)).toBe('(not set)');
    expect(valueText('  ', undefined, words)).toBe('(empty)');
    expect(valueText([], undefined, words)).toBe('(empty)');
  });

  it('joins plain lists, labels their items, and counts lists of objects', () => {
    const days = { type: 'array', items: { enum: ['monday', 'tuesday'], 'x-enumNames': ['Monday', 'Tuesday'] } };
    expect(valueText(['monday', 'tuesday'], days, words)).toBe('Monday, Tuesday');
    expect(valueText([{ a: 1 }, { a: 2 }], undefined, words)).toBe('2 items');
  });

  it('shows an object by its plain fields', () => {
    const interval = { properties: { day: { enum: ['monday'], 'x-enumNames': ['Monday'] } } };
    expect(valueText({ day: 'monday', open: '09:00', close: '18:00' }, interval, words)).toBe('Monday · 09:00 · 18:00');
  });

  it('shortens long texts on one line', () => {
    const text = valueText(`Hola {{ contact.name }},\n\nvolvemos a las 9:00 y te atendemos enseguida, gracias por escribirnos`, undefined, words);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toContain('\n');
  });
});

describe('shorten', () => {
  it('leaves short texts alone and never splits a character', () => {
    expect(shorten('short')).toBe('short');
    expect([...shorten('😀'.repeat(80), 10)]).toHaveLength(10);
  });
});
