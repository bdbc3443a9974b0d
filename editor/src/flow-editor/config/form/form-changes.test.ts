import { describe, expect, it } from 'vitest';
import { baselineOf, changedFields } from './form-changes.ts';

const fill = (data: unknown) => ({ strategy: 'round_robin', timeoutSeconds: 300, ...(data as object) });

describe('what a form change changed', () => {
  it('finds no change when the form only filled in defaults', () => {
    expect(changedFields(baselineOf({}, fill), { strategy: 'round_robin', timeoutSeconds: 300 })).toEqual([]);
  });

  it('names the top-level field the person changed', () => {
    expect(changedFields(baselineOf({}, fill), { strategy: 'least_open', timeoutSeconds: 300 })).toEqual(['strategy']);
  });

  it('counts emptying a field with a default as a change, and a field left empty as none', () => {
    expect(changedFields(baselineOf({}, fill), { strategy: 'round_robin', timeoutSeconds: undefined })).toEqual(['timeoutSeconds']);
    const shown = { strategy: 'round_robin', timeoutSeconds: undefined };
    expect(changedFields(baselineOf(shown, fill), { strategy: 'least_open', timeoutSeconds: undefined })).toEqual(['strategy']);
  });
});
