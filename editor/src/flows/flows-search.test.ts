import { describe, expect, it } from 'vitest';
import { flowStatusOf, statusFilter } from './flow-status.ts';
import { isFiltered, listFilters, validateFlowsSearch } from './flows-search.ts';

describe('validateFlowsSearch', () => {
  it('keeps the search text, a known status and the archived view', () => {
    expect(validateFlowsSearch({ q: ' sales ', status: 'changed', archived: true })).toEqual({ q: 'sales', status: 'changed', archived: true });
    expect(validateFlowsSearch({ archived: 'true' })).toEqual({ archived: true });
  });

  it('drops an empty search, an unknown status, archived=false and anything else', () => {
    expect(validateFlowsSearch({ q: '  ', status: 'active', archived: false, page: 2 })).toEqual({});
    expect(validateFlowsSearch({ q: 42 })).toEqual({});
  });

  it('cuts a search longer than a name can be', () => {
    expect(validateFlowsSearch({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });
});

describe('listFilters', () => {
  it('asks the server for exactly the flows of the chosen status', () => {
    expect(listFilters({ q: 'vip', status: 'published' })).toEqual({ query: 'vip', status: 'active', hasUnpublishedChanges: false });
    expect(listFilters({ status: 'changed', archived: true })).toEqual({ status: 'active', hasUnpublishedChanges: true, archived: true });
    expect(listFilters({})).toEqual({});
  });

  it('says the list is narrowed by a search or a status, not by the archived view', () => {
    expect(isFiltered({ archived: true })).toBe(false);
    expect(isFiltered({ q: 'a' })).toBe(true);
    expect(isFiltered({ status: 'draft' })).toBe(true);
  });
});

describe('flowStatusOf', () => {
  it('reads a published flow whose draft changed as its own status, and the filter finds it again', () => {
    expect(flowStatusOf({ status: 'active', hasUnpublishedChanges: true })).toBe('changed');
    expect(flowStatusOf({ status: 'active', hasUnpublishedChanges: false })).toBe('published');
    expect(flowStatusOf({ status: 'stopped', hasUnpublishedChanges: true })).toBe('stopped');
    expect(flowStatusOf({ status: 'draft', hasUnpublishedChanges: false })).toBe('draft');
    for (const status of ['draft', 'published', 'changed', 'stopped'] as const) {
      const filter = statusFilter(status);
      expect(flowStatusOf({ status: filter.status, hasUnpublishedChanges: filter.hasUnpublishedChanges ?? false })).toBe(status);
    }
  });
});
