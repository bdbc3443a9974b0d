import { describe, expect, it } from 'vitest';
import { choiceOf, unionChoices, valueForChoice } from './union-choice.ts';

const capacity = unionChoices([
  { const: 'agent', type: 'string', title: "Each agent's own capacity" },
  { type: 'integer', minimum: 0, maximum: 10000, title: 'At most this many' },
]);

describe('a union as a choice then a value', () => {
  it('labels each option by its title', () => {
    expect(capacity.map((choice) => choice.label)).toEqual(["Each agent's own capacity", 'At most this many']);
  });

  it('finds the option a value belongs to', () => {
    expect(choiceOf(capacity, 'agent')?.index).toBe(0);
    expect(choiceOf(capacity, 3)?.index).toBe(1);
    expect(choiceOf(capacity, 'lots')).toBeUndefined();
    expect(choiceOf(capacity, undefined)).toBeUndefined();
  });

  it('starts a number option at 1 within its limits, and keeps a value that fits', () => {
    const [agent, number] = capacity;
    if (agent === undefined || number === undefined) throw new Error('two options');
    expect(valueForChoice(agent, 5)).toBe('agent');
    expect(valueForChoice(number, 'agent')).toBe(1);
    expect(valueForChoice(number, 7)).toBe(7);
    const [minimum] = unionChoices([{ type: 'integer', minimum: 5 }]);
    if (minimum === undefined) throw new Error('one option');
    expect(valueForChoice(minimum, undefined)).toBe(5);
  });

  it('names an untitled constant by its value', () => {
    expect(unionChoices([{ const: 'none' }])[0]?.label).toBe('none');
  });
});
