import { describe, expect, it } from 'vitest';
import { schedule } from './schedule.ts';

function validate(cron: string, timezone = 'UTC') {
  return schedule.validate?.({ cron, timezone }) ?? [];
}

describe('core.schedule', () => {
  it('hands the engine the expression and its time zone', () => {
    if (schedule.trigger.source !== 'schedule') throw new Error('core.schedule must be a schedule trigger');
    expect(schedule.trigger.cron({ cron: '0 9 * * 1-5', timezone: 'Europe/Madrid' })).toEqual({ expression: '0 9 * * 1-5', timezone: 'Europe/Madrid' });
  });

  it('accepts five-field expressions, names and aliases', () => {
    expect(validate('0 9 * * 1-5', 'America/New_York')).toEqual([]);
    expect(validate('*/15 8-20 * * MON-FRI')).toEqual([]);
    expect(validate('@daily')).toEqual([]);
  });

  it('reports an unparsable expression at /cron with the reason', () => {
    expect(validate('61 * * * *')).toEqual([{ path: '/cron', message: expect.stringMatching(/"61 \* \* \* \*" is not a valid cron expression \(.*59.*\)/) }]);
    expect(validate('every monday')).toEqual([{ path: '/cron', message: expect.stringContaining('not a valid cron expression') }]);
    expect(validate('0 9 30 2 *')).toEqual([{ path: '/cron', message: expect.stringContaining('not a valid cron expression') }]);
  });

  it('reports an empty expression instead of reading it as every minute', () => {
    expect(validate('   ')).toEqual([{ path: '/cron', message: expect.stringContaining('empty') }]);
  });

  it('reports a seconds field, since schedules run on whole minutes', () => {
    expect(validate('*/5 * * * * *')).toEqual([{ path: '/cron', message: expect.stringContaining('sets seconds') }]);
    expect(validate('@secondly')).toEqual([{ path: '/cron', message: expect.stringContaining('sets seconds') }]);
  });

  it('reports an unknown time zone at /timezone', () => {
    expect(validate('0 9 * * *', 'Mars/Olympus_Mons')).toEqual([
      { path: '/timezone', message: expect.stringContaining('"Mars/Olympus_Mons" is not a time zone') },
    ]);
  });
});
