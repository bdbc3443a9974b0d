import { describe, expect, it } from 'vitest';
import { testTexts } from './test-texts.ts';
import { validateConfig } from './validate-config.ts';

const assignTo = {
  type: 'object',
  additionalProperties: false,
  required: ['target', 'capacity', 'timeoutSeconds'],
  properties: {
    target: { type: 'string', enum: ['workspace', 'team', 'agent'], default: 'workspace', title: 'Assign to', 'x-enumNames': ['Anyone', 'A team', 'An agent'] },
    teamId: { type: 'string', minLength: 1, title: 'Team', 'x-when': { target: 'team' } },
    capacity: {
      title: 'Capacity',
      default: 'agent',
      anyOf: [
        { const: 'agent', type: 'string', title: "Each agent's own capacity" },
        { type: 'integer', minimum: 0, maximum: 10000, title: 'At most this many' },
      ],
    },
    timeoutSeconds: { type: 'integer', minimum: 0, default: 300, title: 'Wait for an agent (seconds)' },
  },
};

describe('validateConfig', () => {
  it('accepts a config its defaults complete', () => {
    expect(validateConfig(assignTo, {}, testTexts('en'))).toEqual([]);
  });

  it('names the field and the limit, in the app language', () => {
    expect(validateConfig(assignTo, { capacity: 20000 }, testTexts('en'))).toEqual([
      { field: '/capacity', message: '“Capacity” must be 10,000 or less.', code: 'maximum' },
    ]);
    expect(validateConfig(assignTo, { capacity: 20000 }, testTexts('es'))).toEqual([
      { field: '/capacity', message: 'El campo «Capacity» tiene que ser 10.000 o menos.', code: 'maximum' },
    ]);
  });

  it('words a value no option of a union takes as one message listing the options', () => {
    const problems = validateConfig(assignTo, { capacity: 'lots' }, testTexts('en'));
    expect(problems).toEqual([
      { field: '/capacity', message: "“Capacity” must be one of its options: Each agent's own capacity · At most this many.", code: 'anyOf' },
    ]);
  });

  it('points a missing or unknown property at itself', () => {
    const schema = { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', title: 'URL' } } };
    expect(validateConfig(schema, { extra: 1 }, testTexts('en'))).toEqual([
      { field: '/url', message: '“URL” is required.', code: 'required' },
      { field: '/extra', message: '“extra” isn’t a setting of this step; remove it.', code: 'additionalProperties' },
    ]);
  });

  it('checks a field x-when hides too, as publishing does', () => {
    expect(validateConfig(assignTo, { teamId: '' }, testTexts('en'))).toEqual([{ field: '/teamId', message: '“Team” can’t be empty.', code: 'minLength' }]);
    expect(validateConfig(assignTo, { target: 'team', teamId: '' }, testTexts('en'))).toEqual([
      { field: '/teamId', message: '“Team” can’t be empty.', code: 'minLength' },
    ]);
  });

  it('names an untitled array item by its list and place', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', title: 'Tags', items: { type: 'string', minLength: 1 } } } };
    expect(validateConfig(schema, { tags: ['vip', ''] }, testTexts('es'))).toEqual([
      { field: '/tags/1', message: 'El campo «Tags, elemento 2» no puede quedar vacío.', code: 'minLength' },
    ]);
  });

  it('words the time pattern of business hours', () => {
    const schema = { type: 'object', properties: { open: { type: 'string', title: 'Opens', pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' } } };
    expect(validateConfig(schema, { open: '9am' }, testTexts('en'))[0]?.message).toBe(
      '“Opens” must be a time in 24-hour form, e.g. 09:30 (24:00 is the end of the day).',
    );
  });

  it('falls back to the localized ajv message for a keyword it does not word itself', () => {
    const schema = { type: 'object', properties: { list: { type: 'array', title: 'List', contains: { const: 'x' } } } };
    expect(validateConfig(schema, { list: ['y'] }, testTexts('es')).find((problem) => problem.code === 'contains')?.message).toBe(
      'El campo «List»: debe contener un elemento válido.',
    );
  });
});
