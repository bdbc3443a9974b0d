import { describe, expect, it } from 'vitest';
import { SecretScrubber } from './secret-scrubber.ts';

describe('SecretScrubber', () => {
  it('changes nothing, not even identity, when no secret was used', () => {
    const scrubber = new SecretScrubber();
    const output = { a: [1, 'two'] };
    expect(scrubber.isEmpty).toBe(true);
    expect(scrubber.value(output)).toBe(output);
  });

  it('replaces a value, its JSON-escaped and its percent-encoded forms, anywhere in the data, keys too', () => {
    const scrubber = new SecretScrubber();
    scrubber.addSecret('API_TOKEN', 'tok "live"/ä');
    const echoed = {
      headers: { authorization: 'Bearer tok "live"/ä' },
      raw: '{"authorization":"Bearer tok \\"live\\"/ä"}',
      url: `https://x.example/?key=${encodeURIComponent('tok "live"/ä')}`,
      list: [{ 'tok "live"/ä': true }],
      untouched: 42,
    };
    expect(scrubber.value(echoed)).toEqual({
      headers: { authorization: 'Bearer [secret:API_TOKEN]' },
      raw: '{"authorization":"Bearer [secret:API_TOKEN]"}',
      url: 'https://x.example/?key=[secret:API_TOKEN]',
      list: [{ '[secret:API_TOKEN]': true }],
      untouched: 42,
    });
  });

  it('prefers the longer of two overlapping values and never rewrites its own markers', () => {
    const scrubber = new SecretScrubber();
    scrubber.addSecret('SHORT', 'secret');
    scrubber.addSecret('LONG', 'secret-and-more');
    expect(scrubber.text('a secret-and-more and a secret')).toBe('a [secret:LONG] and a [secret:SHORT]');
  });

  it('treats text a template made from a secret as secret, unless it already shows the raw value', () => {
    const scrubber = new SecretScrubber();
    scrubber.addSecret('PASS', 'hunter2');
    const basic = Buffer.from('ana:hunter2').toString('base64');
    scrubber.addDerived(`Basic ${basic}`, ['PASS']);
    scrubber.addDerived('Bearer hunter2', ['PASS']);
    expect(scrubber.text(`echo: Basic ${basic}`)).toBe('echo: [secret:PASS]');
    expect(scrubber.text('echo: Bearer hunter2')).toBe('echo: Bearer [secret:PASS]');
  });

  it('stores what JSON would (a Date as its text), and leaves a cycle for the output check to report', () => {
    const scrubber = new SecretScrubber();
    scrubber.addSecret('X', 'xyzzy');
    const at = new Date('2026-01-31T09:00:00Z');
    const cyclic: Record<string, unknown> = { note: 'xyzzy' };
    cyclic.self = cyclic;
    const scrubbed = scrubber.value({ at, cyclic, ['__proto__']: 'xyzzy' }) as Record<string, unknown>;
    expect(scrubbed.at).toBe('2026-01-31T09:00:00.000Z');
    expect((scrubbed.cyclic as Record<string, unknown>).note).toBe('[secret:X]');
    expect((scrubbed.cyclic as Record<string, unknown>).self).toBe(cyclic);
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
  });
});
