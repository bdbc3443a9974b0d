import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps a page of the app with its search and fragment', () => {
    expect(safeNext('/flows/abc?tab=runs#node')).toBe('/flows/abc?tab=runs#node');
    expect(safeNext('/settings/users')).toBe('/settings/users');
  });

  it('sends anything that would leave the app to /', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'flows', '']) expect(safeNext(next)).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });

  it('does not come back to the sign-in, setup or invite page', () => {
    expect(safeNext('/sign-in?next=/flows')).toBe('/');
    expect(safeNext('/invite#token=x')).toBe('/');
  });
});
