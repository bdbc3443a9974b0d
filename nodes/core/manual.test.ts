import { describe, expect, it } from 'vitest';
import { manual } from './manual.ts';

describe('core.manual', () => {
  it('is started by hand and continues through next', () => {
    expect(manual.kind).toBe('trigger');
    expect(manual.trigger).toEqual({ source: 'manual' });
    expect(manual.ports).toEqual(['next']);
  });

  it('keeps the input schema optional and informational', () => {
    expect(manual.configSchema.required ?? []).not.toContain('inputSchema');
    expect(manual.configSchema.properties.inputSchema.description).toMatch(/not checked/);
  });
});
