import { describe, expect, it } from 'vitest';
import { isoToWallClock, wallClockToIso } from './zoned-time.ts';

describe('wall-clock time in a zone', () => {
  it('reads Sunday 23:00 in Mexico City as 05:00 UTC on Monday, and back', () => {
    expect(wallClockToIso('2026-12-06T23:00', 'America/Mexico_City')).toBe('2026-12-07T05:00:00.000Z');
    expect(isoToWallClock('2026-12-07T05:00:00.000Z', 'America/Mexico_City')).toBe('2026-12-06T23:00');
  });

  it('keeps the offset of the day itself across a daylight-saving change', () => {
    expect(wallClockToIso('2026-07-01T10:00', 'Europe/Madrid')).toBe('2026-07-01T08:00:00.000Z');
    expect(wallClockToIso('2026-12-01T10:00', 'Europe/Madrid')).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses text that is not a date and time', () => {
    expect(wallClockToIso('', 'UTC')).toBeUndefined();
    expect(wallClockToIso('tomorrow', 'UTC')).toBeUndefined();
  });
});
