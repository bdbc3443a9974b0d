import { describe, expect, it } from 'vitest';
import { createFormat } from './format.ts';

const moment = new Date('2026-12-02T18:05:09Z');

describe('createFormat', () => {
  it('shows a date and time in the person’s time zone and language', () => {
    expect(createFormat('en', 'America/Mexico_City').dateTime(moment)).toBe('Dec 2, 2026, 12:05 PM');
    expect(createFormat('es', 'Europe/Madrid').dateTime(moment)).toBe('2 dic 2026, 19:05');
    expect(createFormat('es', 'Europe/Madrid').time(moment, 'seconds')).toBe('19:05:09');
  });

  it('falls back to the browser’s time zone for none or one it does not know', () => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(createFormat('en', null).timeZone).toBe(browser);
    expect(createFormat('en', 'Mars/Olympus_Mons').timeZone).toBe(browser);
  });

  it('says how long ago or how far ahead in the largest unit that fits', () => {
    const format = createFormat('en', 'UTC');
    expect(format.relative(new Date(moment.getTime() - 90_000), moment)).toBe('2 minutes ago');
    expect(format.relative(new Date(moment.getTime() - 30 * 3600_000), moment)).toBe('yesterday');
    expect(format.relative(new Date(moment.getTime() + 5 * 60_000), moment)).toBe('in 5 minutes');
    expect(createFormat('es', 'UTC').relative(new Date(moment.getTime() + 5 * 60_000), moment)).toBe('dentro de 5 minutos');
  });

  it('writes numbers the way the language does', () => {
    expect(createFormat('en').number(1234.5)).toBe('1,234.5');
    expect(createFormat('es').number(12345.5)).toBe('12.345,5');
  });
  it('joins names the way each language does', () => {
    expect(createFormat('es', 'UTC').list(['Ana', 'Luis', 'Marta'])).toBe('Ana, Luis y Marta');
    expect(createFormat('en', 'UTC').list(['Ana', 'Luis', 'Marta'])).toBe('Ana, Luis, and Marta');
  });
});
