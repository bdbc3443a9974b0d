import { describe, expect, it } from 'vitest';
import { isHiddenAt, whenHolds } from './x-when.ts';

describe('whenHolds', () => {
  it('shows a field whose sibling has the value it names', () => {
    const teamId = { type: 'string', 'x-when': { target: 'team' } };
    expect(whenHolds(teamId, { target: 'team' })).toBe(true);
    expect(whenHolds(teamId, { target: 'workspace' })).toBe(false);
    expect(whenHolds(teamId, {})).toBe(false);
  });

  it('shows a field while its sibling has any of the values listed', () => {
    const body = { 'x-when': { method: ['POST', 'PUT'] } };
    expect(whenHolds(body, { method: 'PUT' })).toBe(true);
    expect(whenHolds(body, { method: 'GET' })).toBe(false);
  });

  it('needs every sibling named to match', () => {
    const field = { 'x-when': { mode: 'event', strict: true } };
    expect(whenHolds(field, { mode: 'event', strict: true })).toBe(true);
    expect(whenHolds(field, { mode: 'event', strict: false })).toBe(false);
  });

  it('always shows a field without x-when or with one that is not an object', () => {
    expect(whenHolds({ type: 'string' }, {})).toBe(true);
    expect(whenHolds({ 'x-when': 'team' }, {})).toBe(true);
  });
});

describe('isHiddenAt', () => {
  const schema = {
    type: 'object',
    properties: {
      branches: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            conditions: {
              type: 'array',
              items: {
                type: 'object',
                properties: { operator: { type: 'string' }, value: { 'x-when': { operator: ['equals', 'in'] } } },
              },
            },
          },
        },
      },
      mode: { type: 'string' },
      event: { type: 'string', 'x-when': { mode: 'event' } },
    },
  };

  it('finds a field its own x-when hides, read against its object', () => {
    expect(isHiddenAt(schema, { mode: 'duration' }, '/event')).toBe(true);
    expect(isHiddenAt(schema, { mode: 'event' }, '/event')).toBe(false);
  });

  it('reads an x-when inside list items against that item', () => {
    const value = { branches: [{ conditions: [{ operator: 'exists' }, { operator: 'in', value: [] }] }] };
    expect(isHiddenAt(schema, value, '/branches/0/conditions/0/value')).toBe(true);
    expect(isHiddenAt(schema, value, '/branches/0/conditions/1/value')).toBe(false);
  });

  it('treats a place deeper than a hidden field as hidden, and one the schema lacks as shown', () => {
    expect(isHiddenAt(schema, { mode: 'duration' }, '/event/x')).toBe(true);
    expect(isHiddenAt(schema, {}, '/nowhere')).toBe(false);
  });
});
