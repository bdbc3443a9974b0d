import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '@switchboard/sdk';
import { explainNodeStep, runNodeStep } from '@switchboard/engine/testing';
import { businessHours } from './business-hours.ts';

const weekdaysNineToSix = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, open: '09:00', close: '18:00' }));
const everyDay = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((day) => ({ day, open: '00:00', close: '24:00' }));

function at(iso: string, config: Readonly<Record<string, unknown>>, vars: Readonly<Record<string, unknown>> = {}) {
  return runNodeStep(businessHours, { config, now: new Date(iso), vars });
}

describe('core.business_hours', () => {
  describe('in America/Mexico_City (UTC-6 all year)', () => {
    const config = { timezone: 'America/Mexico_City', schedule: weekdaysNineToSix };

    it('routes to open at the opening minute', async () => {
      expect(await at('2025-07-01T15:00:00Z', config)).toEqual({
        kind: 'next',
        port: 'open',
        output: { open: true, timezone: 'America/Mexico_City', localTime: '2025-07-01T09:00', day: 'tuesday' },
      });
    });

    it('routes to closed a minute before opening, opening later that day', async () => {
      expect(await at('2025-07-01T14:59:00Z', config)).toMatchObject({
        port: 'closed',
        output: { open: false, localTime: '2025-07-01T08:59', nextOpen: { day: 'tuesday', time: '09:00', localDate: '2025-07-01' } },
      });
    });

    it('routes to closed at the closing minute, since intervals end before their close time', async () => {
      expect(await at('2025-07-02T00:00:00Z', config)).toMatchObject({
        port: 'closed',
        output: { localTime: '2025-07-01T18:00', day: 'tuesday', nextOpen: { day: 'wednesday', time: '09:00', localDate: '2025-07-02' } },
      });
    });

    it('opens next on monday after a friday evening', async () => {
      expect(await at('2025-07-05T01:00:00Z', config)).toMatchObject({
        port: 'closed',
        output: { day: 'friday', localTime: '2025-07-04T19:00', nextOpen: { day: 'monday', time: '09:00', localDate: '2025-07-07' } },
      });
    });
  });

  describe('holidays', () => {
    const holidays = [{ date: '2025-12-25', name: 'Navidad' }];

    it('routes to closed on a holiday in the configured timezone', async () => {
      const config = { timezone: 'America/Mexico_City', schedule: weekdaysNineToSix, holidays };
      expect(await at('2025-12-25T17:00:00Z', config)).toMatchObject({
        port: 'closed',
        output: { open: false, day: 'thursday', holiday: 'Navidad', nextOpen: { day: 'friday', time: '09:00', localDate: '2025-12-26' } },
      });
    });

    it('reads the holiday by the local date, not the UTC date', async () => {
      const config = { timezone: 'America/Mexico_City', schedule: everyDay, holidays };
      // 03:00 UTC on the 26th is still the 25th, 21:00, in Mexico City.
      expect(await at('2025-12-26T03:00:00Z', config)).toMatchObject({
        port: 'closed',
        output: { localTime: '2025-12-25T21:00', holiday: 'Navidad', nextOpen: { day: 'friday', time: '00:00', localDate: '2025-12-26' } },
      });
      // 05:00 UTC on the 25th is still Christmas Eve there.
      const eve = await at('2025-12-25T05:00:00Z', config);
      expect(eve).toMatchObject({ port: 'open', output: { localTime: '2025-12-24T23:00' } });
      expect(eve).not.toHaveProperty('output.holiday');
    });

    it('names an unnamed holiday by its date', async () => {
      const config = { schedule: everyDay, holidays: [{ date: '2025-05-01' }] };
      expect(await at('2025-05-01T12:00:00Z', config)).toMatchObject({ port: 'closed', output: { holiday: '2025-05-01' } });
    });

    it('skips holidays when looking for the next opening', async () => {
      const config = { timezone: 'America/Mexico_City', holidays: [{ date: '2025-12-22', name: 'Cierre' }] };
      expect(await at('2025-12-20T01:00:00Z', config)).toMatchObject({
        output: { day: 'friday', nextOpen: { day: 'tuesday', time: '09:00', localDate: '2025-12-23' } },
      });
    });

    it('rejects an impossible holiday date', async () => {
      await expect(at('2025-01-01T00:00:00Z', { holidays: [{ date: '2025-02-30' }] })).rejects.toThrow(/date/);
    });
  });

  describe('across daylight saving time', () => {
    it('follows America/New_York from EST to EDT', async () => {
      const config = { timezone: 'America/New_York' };
      // 13:30 UTC is 08:30 EST on the friday before the change and 09:30 EDT on the monday after.
      expect(await at('2025-03-07T13:30:00Z', config)).toMatchObject({ port: 'closed', output: { localTime: '2025-03-07T08:30' } });
      expect(await at('2025-03-10T13:30:00Z', config)).toMatchObject({ port: 'open', output: { localTime: '2025-03-10T09:30' } });
      expect(await at('2025-11-03T13:30:00Z', config)).toMatchObject({ port: 'closed', output: { localTime: '2025-11-03T08:30' } });
    });

    it('follows Europe/Madrid from CET to CEST', async () => {
      const config = { timezone: 'Europe/Madrid' };
      expect(await at('2025-03-28T07:30:00Z', config)).toMatchObject({ port: 'closed', output: { localTime: '2025-03-28T08:30' } });
      expect(await at('2025-03-31T07:30:00Z', config)).toMatchObject({ port: 'open', output: { localTime: '2025-03-31T09:30' } });
    });

    it('jumps over the skipped hour on the night the clocks go forward', async () => {
      const config = { timezone: 'Europe/Madrid', schedule: [{ day: 'sunday', open: '03:00', close: '04:00' }] };
      expect(await at('2025-03-30T00:59:00Z', config)).toMatchObject({
        port: 'closed',
        output: { localTime: '2025-03-30T01:59', nextOpen: { day: 'sunday', time: '03:00', localDate: '2025-03-30' } },
      });
      // One minute later it is 03:00 CEST: 02:00-02:59 never happens.
      expect(await at('2025-03-30T01:00:00Z', config)).toMatchObject({ port: 'open', output: { localTime: '2025-03-30T03:00' } });
    });
  });

  it('opens again after a break within the day', async () => {
    const config = {
      schedule: [
        { day: 'tuesday', open: '09:00', close: '13:00' },
        { day: 'tuesday', open: '15:00', close: '18:00' },
      ],
    };
    expect(await at('2025-07-01T12:59:00Z', config)).toMatchObject({ port: 'open' });
    expect(await at('2025-07-01T14:00:00Z', config)).toMatchObject({
      port: 'closed',
      output: { nextOpen: { day: 'tuesday', time: '15:00', localDate: '2025-07-01' } },
    });
  });

  it('shows local midnight as 00:00', async () => {
    expect(await at('2025-07-01T00:15:00Z', { schedule: everyDay })).toMatchObject({ port: 'open', output: { localTime: '2025-07-01T00:15', day: 'tuesday' } });
  });

  it('uses UTC and weekdays 09:00 to 18:00 by default', async () => {
    expect(await at('2025-07-05T10:00:00Z', {})).toMatchObject({
      port: 'closed',
      output: { timezone: 'UTC', day: 'saturday', nextOpen: { day: 'monday', time: '09:00', localDate: '2025-07-07' } },
    });
    expect(await at('2025-07-07T10:00:00Z', {})).toMatchObject({ port: 'open' });
  });

  it('gives no next opening when the schedule is empty', async () => {
    const result = await at('2025-07-01T12:00:00Z', { schedule: [] });
    expect(result).toMatchObject({ port: 'closed' });
    expect(result).not.toHaveProperty('output.nextOpen');
  });

  it('reads a templated time zone once rendered', async () => {
    expect(await at('2025-07-01T07:30:00Z', { timezone: '{{ vars.tz }}' }, { tz: 'Europe/Madrid' })).toMatchObject({
      port: 'open',
      output: { timezone: 'Europe/Madrid', localTime: '2025-07-01T09:30' },
    });
  });

  it('refuses a rendered time zone that does not exist', async () => {
    const error: unknown = await at('2025-07-01T07:30:00Z', { timezone: '{{ vars.tz }}' }, { tz: 'Moon/Base' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ code: 'STEP_INVALID_INPUT', path: '/config/timezone' });
  });

  describe('validate', () => {
    it('reports an unknown time zone and leaves a templated one for run time', () => {
      expect(businessHours.validate?.({ timezone: 'Mexico City', schedule: [], holidays: [] })).toEqual([
        { path: '/timezone', message: expect.stringContaining('"Mexico City" is not a time zone') },
      ]);
      expect(businessHours.validate?.({ timezone: '{{ contact.timezone }}', schedule: [], holidays: [] })).toEqual([]);
    });

    it('reports an interval that closes before it opens, suggesting two intervals for overnight hours', () => {
      const issues = businessHours.validate?.({
        timezone: 'UTC',
        schedule: [
          { day: 'friday', open: '09:00', close: '18:00' },
          { day: 'saturday', open: '22:00', close: '02:00' },
          { day: 'sunday', open: '10:00', close: '10:00' },
        ],
        holidays: [],
      });
      expect(issues).toEqual([
        { path: '/schedule/1/close', message: expect.stringContaining('two intervals: saturday 22:00-24:00 and sunday 00:00-02:00') },
        { path: '/schedule/2/close', message: expect.stringContaining('never open') },
      ]);
    });

    it('accepts 24:00 as the end of the day but no time past it', async () => {
      expect(businessHours.validate?.({ timezone: 'UTC', schedule: [{ day: 'monday', open: '20:00', close: '24:00' }], holidays: [] })).toEqual([]);
      await expect(at('2025-07-01T00:00:00Z', { schedule: [{ day: 'monday', open: '09:00', close: '24:30' }] })).rejects.toThrow(/pattern/);
      await expect(at('2025-07-01T00:00:00Z', { schedule: [{ day: 'monday', open: '9:00', close: '18:00' }] })).rejects.toThrow(/pattern/);
    });
  });
});

describe('core.business_hours explanation', () => {
  it('says the local time it saw and the schedule, in English and Spanish', async () => {
    const config = { timezone: 'America/Mexico_City', schedule: [{ day: 'monday', open: '09:00', close: '18:00' }] };
    // Monday 2025-06-09 23:00 in Mexico City is Tuesday 05:00 UTC.
    const now = new Date('2025-06-10T05:00:00Z');
    const en = await explainNodeStep(businessHours, { config, now });
    expect(en.explanation).toEqual({
      code: 'closed',
      text: 'Closed: it was Monday 23:00 in America/Mexico_City, outside the opening hours.',
      rows: [{ name: '09:00–18:00', outcome: 'passed', reason: 'not at 23:00' }],
    });
    const es = await explainNodeStep(businessHours, { config, now, language: 'es' });
    expect(es.explanation?.text).toBe('Cerrado: hora local lunes 23:00 en America/Mexico_City, fuera del horario.');
  });
});
