import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ajvIssues } from './ajv-issues.ts';
import { createAjv } from './node-catalog.ts';
import { summarizeIssues } from './summarize-issues.ts';

const ajv = createAjv();

function messagesFor(schema: object, value: unknown, prefix = ''): string[] {
  const validate = ajv.compile(schema);
  expect(validate(structuredClone(value))).toBe(false);
  return ajvIssues(validate.errors ?? [], prefix, 'CONFIG_INVALID').map((issue) => `${issue.path} | ${issue.message}`);
}

describe('ajvIssues', () => {
  it('words a team name where a team id or null is expected as one message', () => {
    const schema = Type.Object({ teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) });
    expect(messagesFor(schema, { teamId: 'Sales' }, '/nodes/1/config')).toEqual([
      '/nodes/1/config/teamId | /nodes/1/config/teamId must be a team id (uuid) or null, found "Sales"',
    ]);
  });

  it('says the allowed values of an enum once, with what was found', () => {
    const schema = Type.Object({ unit: Type.Unsafe({ type: 'string', enum: ['minutes', 'hours'] }) });
    expect(messagesFor(schema, { unit: 'weeks' })).toEqual(['/unit | /unit must be one of "minutes", "hours", found "weeks"']);
  });

  it('says the alternatives of a union of literals once', () => {
    const schema = Type.Object({ language: Type.Union([Type.Literal('en'), Type.Literal('es')]) });
    expect(messagesFor(schema, { language: 'fr' })).toEqual(['/language | /language must be "en" or "es", found "fr"']);
  });

  it('reports the failure inside the branch that matched the type, not the other branch', () => {
    const schema = Type.Object({ window: Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()]) });
    expect(messagesFor(schema, { window: { from: '09:00' } })).toEqual(['/window/to | /window/to "to" is required']);
  });

  it('names the id a uuid field expects outside an anyOf too', () => {
    const schema = Type.Object({ agentId: Type.String({ format: 'uuid' }) });
    expect(messagesFor(schema, { agentId: 'ana' })).toEqual(['/agentId | /agentId must be an agent id (uuid), found "ana"']);
  });
});

describe('summarizeIssues', () => {
  it('says one issue as it is and counts several without "problem(s)"', () => {
    expect(summarizeIssues([{ message: '/name is required' }])).toBe('/name is required');
    expect(summarizeIssues([{ message: '/name is required' }, { message: '/nodes must be an array' }])).toBe('2 problems; the first: /name is required');
  });
});
