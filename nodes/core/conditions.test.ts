import { describe, expect, it } from 'vitest';
import { conditionHolds, conditionIssues, evaluateConditions, type Condition } from './conditions.ts';

const scope = {
  trigger: { priority: 5, label: 'Urgent', text: 'Hello World', paid: true, createdAt: '2025-03-01T10:00:00Z', count: '12', blank: '', none: null },
  vars: { plan: 'gold', empty: [], object: {}, full: { a: 1 } },
  contact: { tags: ['vip', 'Spanish'], address: { city: 'Madrid' } },
};

function holds(condition: Condition): boolean {
  return conditionHolds(condition, scope);
}

describe('conditions', () => {
  describe('equals and not_equals', () => {
    it('compares text case-sensitively unless ignoreCase is set', () => {
      expect(holds({ path: 'trigger.label', operator: 'equals', value: 'Urgent' })).toBe(true);
      expect(holds({ path: 'trigger.label', operator: 'equals', value: 'urgent' })).toBe(false);
      expect(holds({ path: 'trigger.label', operator: 'equals', value: 'urgent', ignoreCase: true })).toBe(true);
      expect(holds({ path: 'trigger.label', operator: 'not_equals', value: 'urgent' })).toBe(true);
    });

    it('treats a number and its text as equal, since the editor sends values as text', () => {
      expect(holds({ path: 'trigger.priority', operator: 'equals', value: '5' })).toBe(true);
      expect(holds({ path: 'trigger.count', operator: 'equals', value: 12 })).toBe(true);
      expect(holds({ path: 'trigger.priority', operator: 'equals', value: '5 ' })).toBe(true);
      expect(holds({ path: 'trigger.priority', operator: 'equals', value: 'five' })).toBe(false);
    });

    it('treats a boolean and its text as equal', () => {
      expect(holds({ path: 'trigger.paid', operator: 'equals', value: 'true' })).toBe(true);
      expect(holds({ path: 'trigger.paid', operator: 'equals', value: false })).toBe(false);
    });

    it('compares lists and objects by content', () => {
      expect(holds({ path: 'contact.tags', operator: 'equals', value: ['vip', 'Spanish'] })).toBe(true);
      expect(holds({ path: 'contact.tags', operator: 'equals', value: ['Spanish', 'vip'] })).toBe(false);
      expect(holds({ path: 'contact.address', operator: 'equals', value: { city: 'madrid' }, ignoreCase: true })).toBe(true);
      expect(holds({ path: 'contact.address', operator: 'equals', value: { city: 'Madrid', zip: '28001' } })).toBe(false);
    });

    it('treats a missing value as equal to null', () => {
      expect(holds({ path: 'trigger.missing', operator: 'equals', value: null })).toBe(true);
      expect(holds({ path: 'trigger.missing', operator: 'equals', value: '' })).toBe(false);
    });
  });

  describe('contains and not_contains', () => {
    it('finds a part of a text', () => {
      expect(holds({ path: 'trigger.text', operator: 'contains', value: 'World' })).toBe(true);
      expect(holds({ path: 'trigger.text', operator: 'contains', value: 'world' })).toBe(false);
      expect(holds({ path: 'trigger.text', operator: 'contains', value: 'world', ignoreCase: true })).toBe(true);
    });

    it('finds an item of a list', () => {
      expect(holds({ path: 'contact.tags', operator: 'contains', value: 'vip' })).toBe(true);
      expect(holds({ path: 'contact.tags', operator: 'contains', value: 'spanish' })).toBe(false);
      expect(holds({ path: 'contact.tags', operator: 'contains', value: 'spanish', ignoreCase: true })).toBe(true);
      expect(holds({ path: 'contact.tags', operator: 'contains', value: 'vi' })).toBe(false);
    });

    it('holds not_contains for a missing value', () => {
      expect(holds({ path: 'contact.missing', operator: 'contains', value: 'vip' })).toBe(false);
      expect(holds({ path: 'contact.missing', operator: 'not_contains', value: 'vip' })).toBe(true);
      expect(holds({ path: 'contact.tags', operator: 'not_contains', value: 'vip' })).toBe(false);
    });
  });

  it('tests the start and end of a text', () => {
    expect(holds({ path: 'trigger.text', operator: 'starts_with', value: 'Hello' })).toBe(true);
    expect(holds({ path: 'trigger.text', operator: 'starts_with', value: 'hello' })).toBe(false);
    expect(holds({ path: 'trigger.text', operator: 'starts_with', value: 'hello', ignoreCase: true })).toBe(true);
    expect(holds({ path: 'trigger.text', operator: 'ends_with', value: 'World' })).toBe(true);
    expect(holds({ path: 'trigger.text', operator: 'ends_with', value: 'Hello' })).toBe(false);
    expect(holds({ path: 'contact.tags', operator: 'starts_with', value: 'vip' })).toBe(false);
  });

  describe('ordering operators', () => {
    it('compares numbers and numeric text as numbers', () => {
      expect(holds({ path: 'trigger.priority', operator: 'greater_than', value: 3 })).toBe(true);
      expect(holds({ path: 'trigger.priority', operator: 'greater_than', value: '10' })).toBe(false);
      expect(holds({ path: 'trigger.count', operator: 'greater_than', value: '9' })).toBe(true);
      expect(holds({ path: 'trigger.priority', operator: 'greater_than_or_equal', value: 5 })).toBe(true);
      expect(holds({ path: 'trigger.priority', operator: 'less_than', value: 5 })).toBe(false);
      expect(holds({ path: 'trigger.priority', operator: 'less_than_or_equal', value: 5 })).toBe(true);
    });

    it('compares ISO dates as instants, reading one without an offset as UTC', () => {
      expect(holds({ path: 'trigger.createdAt', operator: 'greater_than', value: '2025-02-28' })).toBe(true);
      expect(holds({ path: 'trigger.createdAt', operator: 'less_than', value: '2025-03-01T11:00:00+02:00' })).toBe(false);
      expect(holds({ path: 'trigger.createdAt', operator: 'greater_than_or_equal', value: '2025-03-01T10:00' })).toBe(true);
      expect(holds({ path: 'trigger.createdAt', operator: 'less_than_or_equal', value: '2025-03-01 09:59' })).toBe(false);
    });

    it('holds for no ordering between unrelated values', () => {
      expect(holds({ path: 'trigger.label', operator: 'greater_than', value: 1 })).toBe(false);
      expect(holds({ path: 'trigger.label', operator: 'less_than', value: 1 })).toBe(false);
      expect(holds({ path: 'trigger.blank', operator: 'less_than', value: 1 })).toBe(false);
      expect(holds({ path: 'trigger.missing', operator: 'less_than_or_equal', value: 0 })).toBe(false);
      expect(holds({ path: 'trigger.createdAt', operator: 'greater_than', value: 5 })).toBe(false);
    });
  });

  it('counts null as not existing', () => {
    expect(holds({ path: 'trigger.priority', operator: 'exists' })).toBe(true);
    expect(holds({ path: 'trigger.none', operator: 'exists' })).toBe(false);
    expect(holds({ path: 'trigger.missing', operator: 'not_exists' })).toBe(true);
    expect(holds({ path: 'trigger.blank', operator: 'not_exists' })).toBe(false);
  });

  it('counts empty text, lists and objects as empty, and never zero or false', () => {
    for (const path of ['trigger.blank', 'trigger.none', 'trigger.missing', 'vars.empty', 'vars.object']) {
      expect(holds({ path, operator: 'is_empty' }), path).toBe(true);
    }
    for (const path of ['trigger.priority', 'trigger.paid', 'vars.full', 'contact.tags']) {
      expect(holds({ path, operator: 'is_not_empty' }), path).toBe(true);
    }
    expect(conditionHolds({ path: 'value', operator: 'is_empty' }, { value: 0 })).toBe(false);
    expect(conditionHolds({ path: 'value', operator: 'is_empty' }, { value: false })).toBe(false);
  });

  it('looks a value up in a list for in and not_in', () => {
    expect(holds({ path: 'vars.plan', operator: 'in', value: ['silver', 'gold'] })).toBe(true);
    expect(holds({ path: 'vars.plan', operator: 'in', value: ['SILVER', 'GOLD'] })).toBe(false);
    expect(holds({ path: 'vars.plan', operator: 'in', value: ['SILVER', 'GOLD'], ignoreCase: true })).toBe(true);
    expect(holds({ path: 'trigger.priority', operator: 'in', value: ['4', '5'] })).toBe(true);
    expect(holds({ path: 'vars.plan', operator: 'not_in', value: ['free'] })).toBe(true);
    expect(holds({ path: 'vars.plan', operator: 'in', value: 'gold' })).toBe(false);
  });

  it('never reads through the prototype chain', () => {
    expect(holds({ path: 'trigger.constructor', operator: 'exists' })).toBe(false);
    expect(holds({ path: 'vars.plan.length', operator: 'exists' })).toBe(false);
  });

  describe('evaluateConditions', () => {
    const yes: Condition = { path: 'vars.plan', operator: 'equals', value: 'gold' };
    const no: Condition = { path: 'vars.plan', operator: 'equals', value: 'free' };

    it('needs every condition for all and one for any', () => {
      expect(evaluateConditions('all', [yes, no], scope)).toBe(false);
      expect(evaluateConditions('all', [yes, yes], scope)).toBe(true);
      expect(evaluateConditions('any', [no, yes], scope)).toBe(true);
      expect(evaluateConditions('any', [no, no], scope)).toBe(false);
    });

    it('holds with no conditions, whatever the match mode', () => {
      expect(evaluateConditions('all', [], scope)).toBe(true);
      expect(evaluateConditions('any', [], scope)).toBe(true);
    });
  });

  it('reports a missing value and a non-list for in, with their paths', () => {
    const issues = conditionIssues(
      [
        { path: 'vars.plan', operator: 'equals' },
        { path: 'vars.plan', operator: 'in', value: 'gold' },
        { path: 'vars.plan', operator: 'exists' },
        { path: 'vars.plan', operator: 'not_in', value: ['gold'] },
      ],
      '/branches/0/conditions',
    );
    expect(issues).toEqual([
      { path: '/branches/0/conditions/0/value', message: expect.stringContaining('needs a value') },
      { path: '/branches/0/conditions/1/value', message: expect.stringContaining('needs a list') },
    ]);
  });
});
