import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '@switchboard/sdk';
import { runNodeStep } from '@switchboard/engine/testing';
import { setVariable } from './set-variable.ts';

function assign(assignments: readonly Readonly<Record<string, unknown>>[], trigger: Readonly<Record<string, unknown>> = {}) {
  return runNodeStep(setVariable, { config: { assignments }, trigger });
}

async function failure(assignments: readonly Readonly<Record<string, unknown>>[], trigger: Readonly<Record<string, unknown>> = {}): Promise<unknown> {
  return assign(assignments, trigger).catch((thrown: unknown) => thrown);
}

describe('core.set_variable', () => {
  it('sets the variables and outputs them', async () => {
    const result = await assign([
      { name: 'plan', value: 'gold' },
      { name: 'limits', value: { daily: 3 } },
    ]);
    expect(result).toEqual({ kind: 'next', port: 'next', output: { plan: 'gold', limits: { daily: 3 } }, vars: { plan: 'gold', limits: { daily: 3 } } });
  });

  it("stores a variable set from a secret as the secret's name, never its value", async () => {
    const result = await runNodeStep(setVariable, {
      config: { assignments: [{ name: 'auth', value: 'Bearer {{ secrets.API_TOKEN }}' }] },
      secrets: { API_TOKEN: 'tok_live_123' },
    });
    expect(result).toMatchObject({ vars: { auth: 'Bearer [secret:API_TOKEN]' } });
  });

  it('keeps rendered text as text in auto mode', async () => {
    expect(await assign([{ name: 'count', value: '{{ trigger.count }}' }], { count: 7 })).toMatchObject({ vars: { count: '7' } });
  });

  it('converts rendered text to a number', async () => {
    expect(await assign([{ name: 'count', value: '{{ trigger.count | plus: 1 }}', type: 'number' }], { count: 7 })).toMatchObject({ vars: { count: 8 } });
    expect(await assign([{ name: 'ratio', value: ' 0.5 ', type: 'number' }])).toMatchObject({ vars: { ratio: 0.5 } });
  });

  it('converts text to a boolean and to a string', async () => {
    expect(
      await assign([
        { name: 'isVip', value: 'TRUE', type: 'boolean' },
        { name: 'code', value: 42, type: 'string' },
      ]),
    ).toMatchObject({
      vars: { isVip: true, code: '42' },
    });
  });

  it('parses rendered text as JSON', async () => {
    const result = await assign([{ name: 'items', value: '[{"sku": "{{ trigger.sku }}"}]', type: 'json' }], { sku: 'A-1' });
    expect(result).toMatchObject({ vars: { items: [{ sku: 'A-1' }] } });
  });

  it('refuses text that is not a number, naming the variable', async () => {
    const error = await failure([
      { name: 'plan', value: 'x' },
      { name: 'count', value: 'abc', type: 'number' },
    ]);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({
      code: 'STEP_INVALID_INPUT',
      path: '/config/assignments/1/value',
      message: expect.stringContaining('variable "count": "abc" is not a number'),
    });
  });

  it('refuses an empty rendering as a number rather than storing zero', async () => {
    expect(await failure([{ name: 'count', value: '{{ trigger.missing }}', type: 'number' }])).toMatchObject({ code: 'STEP_INVALID_INPUT' });
  });

  it('refuses text that is not a boolean', async () => {
    expect(await failure([{ name: 'isVip', value: 'yes', type: 'boolean' }])).toMatchObject({
      code: 'STEP_INVALID_INPUT',
      message: expect.stringContaining('expected true or false'),
    });
  });

  it('refuses invalid JSON with the parser reason', async () => {
    expect(await failure([{ name: 'items', value: '{"a": }', type: 'json' }])).toMatchObject({
      code: 'STEP_INVALID_INPUT',
      message: expect.stringMatching(/variable "items": "\{\\"a\\": \}" is not valid JSON \(.+\)/),
    });
  });

  it('refuses a variable name that templates could not read', async () => {
    await expect(assign([{ name: '2fa-code', value: '1' }])).rejects.toThrow(/pattern/);
  });

  it('reports a variable set twice in one node', () => {
    const issues = setVariable.validate?.({
      assignments: [
        { name: 'plan', value: 'a', type: 'auto' },
        { name: 'plan', value: 'b', type: 'auto' },
      ],
    });
    expect(issues).toEqual([{ path: '/assignments/1/name', message: expect.stringContaining('"plan" is already set') }]);
  });
});
