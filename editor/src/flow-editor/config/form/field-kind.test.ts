import { ADDITIONAL_PROPERTY_FLAG } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { fieldKindOf, isGroupKind } from './field-kind.ts';

describe('fieldKindOf', () => {
  it('picks a picker for x-picker, several values on an array', () => {
    expect(fieldKindOf({ type: 'string', 'x-picker': 'team' })).toEqual({ kind: 'picker', picker: 'team', multiple: false });
    expect(fieldKindOf({ type: 'array', items: { type: 'string' }, 'x-picker': 'tag' })).toEqual({ kind: 'picker', picker: 'tag', multiple: true });
    expect(fieldKindOf({ type: 'array', 'x-picker': 'schedule' })).toEqual({ kind: 'picker', picker: 'schedule', multiple: false });
  });

  it('ignores an x-picker it does not know', () => {
    expect(fieldKindOf({ type: 'string', 'x-picker': 'planet' })).toEqual({ kind: 'text', multiline: false, inputType: 'text' });
  });

  it('edits a string with x-template in the template editor, and any value with x-template as a value whose texts are templates', () => {
    expect(fieldKindOf({ type: 'string', 'x-template': 'multiline' })).toEqual({ kind: 'template', multiline: true });
    expect(fieldKindOf({ type: 'string', 'x-template': true })).toEqual({ kind: 'template', multiline: false });
    expect(fieldKindOf({ 'x-template': true })).toEqual({ kind: 'any', template: true });
    expect(fieldKindOf({})).toEqual({ kind: 'any', template: false });
  });

  it('draws enums and unions of constants as a select, other unions as a choice then a value', () => {
    expect(fieldKindOf({ type: 'string', enum: ['a', 'b'] })).toEqual({ kind: 'select' });
    expect(fieldKindOf({ anyOf: [{ const: 'a' }, { const: 'b' }] })).toEqual({ kind: 'select' });
    expect(fieldKindOf({ anyOf: [{ const: 'agent', type: 'string' }, { type: 'integer' }] })).toEqual({ kind: 'union' });
  });

  it('keeps an object whose names RJSF listed from its value a list of names and values', () => {
    const stubbed = { type: 'string', [ADDITIONAL_PROPERTY_FLAG]: true };
    expect(fieldKindOf({ type: 'object', properties: { 'X-Token': stubbed }, patternProperties: { '^(.*)$': { type: 'string' } } })).toEqual({
      kind: 'record',
    });
  });

  it('maps plain types to their control', () => {
    expect(fieldKindOf({ type: 'boolean' })).toEqual({ kind: 'switch' });
    expect(fieldKindOf({ type: 'integer' })).toEqual({ kind: 'number', integer: true });
    expect(fieldKindOf({ type: ['number', 'null'] })).toEqual({ kind: 'number', integer: false });
    expect(fieldKindOf({ type: 'string', format: 'date' })).toEqual({ kind: 'text', multiline: false, inputType: 'date' });
    expect(fieldKindOf({ type: 'string', maxLength: 4096 })).toEqual({ kind: 'text', multiline: true, inputType: 'text' });
    expect(fieldKindOf({ type: 'object', properties: {} })).toEqual({ kind: 'object' });
    expect(fieldKindOf({ type: 'object', patternProperties: { '^(.*)$': { type: 'string' } } })).toEqual({ kind: 'record' });
    expect(fieldKindOf({ type: 'array', items: { type: 'string' } })).toEqual({ kind: 'list' });
    expect(fieldKindOf({ type: 'object', additionalProperties: {} })).toEqual({ kind: 'record' });
    expect(fieldKindOf({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } })).toEqual({ kind: 'object' });
  });

  it('draws groups of controls with a legend, single controls with a label', () => {
    expect(isGroupKind({ kind: 'union' })).toBe(true);
    expect(isGroupKind({ kind: 'picker', picker: 'schedule', multiple: false })).toBe(true);
    expect(isGroupKind({ kind: 'picker', picker: 'team', multiple: false })).toBe(false);
    expect(isGroupKind({ kind: 'any', template: true })).toBe(false);
  });
});
