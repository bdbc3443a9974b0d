import { describe, expect, it } from 'vitest';
import { defineErrorCodes, type ErrorCode, findErrorCode, registerErrorCodes, SwitchboardError } from './switchboard-error.ts';

/** The codes this file registers are not in the program's ErrorCodes; a pack would augment it. */
const code = (name: string) => name as ErrorCode;

describe('SwitchboardError and the code registry', () => {
  it('reads status and kind from the registry when asked, so an error built before its codes were registered still answers right', () => {
    const early = new SwitchboardError(code('SDKTEST_EARLY'), 'built first');
    expect({ status: early.status, kind: early.kind }).toEqual({ status: 500, kind: 'bug' });
    registerErrorCodes('the early test', defineErrorCodes({ SDKTEST_EARLY: { status: 429, kind: 'operational', summary: 'Registered after the throw.' } }));
    expect(early).toMatchObject({ code: 'SDKTEST_EARLY', status: 429, kind: 'operational' });
    expect(early.toJSON()).toEqual({ statusCode: 429, code: 'SDKTEST_EARLY', message: 'built first' });
  });

  it('keeps an explicit status or kind over the catalogue', () => {
    registerErrorCodes('the override test', { SDKTEST_UPSTREAM: { status: 502, kind: 'operational', summary: 'Upstream failed.' } });
    expect(new SwitchboardError(code('SDKTEST_UPSTREAM'), 'a 404 upstream', { status: 404, kind: 'user' })).toMatchObject({ status: 404, kind: 'user' });
  });

  it('takes the same codes again from their owner, and refuses them from another, naming both', () => {
    const codes = { SDKTEST_OWNED: { status: 409, kind: 'user', summary: 'Owned.' } } as const;
    registerErrorCodes('plugin "first"', codes);
    registerErrorCodes('plugin "first"', codes);
    expect(() => registerErrorCodes('plugin "second"', codes)).toThrow('SDKTEST_OWNED of plugin "second" is already registered by plugin "first"');
    expect(findErrorCode('SDKTEST_OWNED')?.owner).toBe('plugin "first"');
  });

  it('refuses a code that is not upper snake case and a status that is not an error status', () => {
    expect(() => defineErrorCodes({ 'not-a-code': { status: 400, kind: 'user', summary: 'x' } })).toThrow('upper snake case');
    expect(() => defineErrorCodes({ SDKTEST_OK: { status: 200, kind: 'user', summary: 'x' } })).toThrow('400-599');
  });
});
