import { describe, expect, it } from 'vitest';
import { copyToWorkdays, intervalProblem, intervalsOf, nextInterval } from './weekly-schedule.ts';

describe('weekly opening hours', () => {
  it('reads intervals with their places in the list, dropping what is not one', () => {
    expect(intervalsOf([{ day: 'monday', open: '09:00', close: '18:00' }, 'x', { day: 'funday' }, { day: 'friday', open: '10:00' }])).toEqual([
      { interval: { day: 'monday', open: '09:00', close: '18:00' }, index: 0 },
      { interval: { day: 'friday', open: '10:00', close: '' }, index: 3 },
    ]);
  });

  it('says what is wrong with an interval as the server would', () => {
    expect(intervalProblem({ day: 'monday', open: '9', close: '18:00' })).toBe('badOpen');
    expect(intervalProblem({ day: 'monday', open: '09:00', close: '25:00' })).toBe('badClose');
    expect(intervalProblem({ day: 'monday', open: '18:00', close: '09:00' })).toBe('closeNotAfterOpen');
    expect(intervalProblem({ day: 'monday', open: '09:00', close: '09:00' })).toBe('closeNotAfterOpen');
    expect(intervalProblem({ day: 'monday', open: '20:00', close: '24:00' })).toBeUndefined();
  });

  it('adds 09:00 to 18:00 on a closed day, and after the last interval otherwise', () => {
    expect(nextInterval([], 'monday')).toEqual({ day: 'monday', open: '09:00', close: '18:00' });
    expect(nextInterval([{ day: 'monday', open: '09:00', close: '13:00' }], 'monday')).toEqual({ day: 'monday', open: '14:00', close: '18:00' });
    expect(nextInterval([{ day: 'monday', open: '09:00', close: '18:00' }], 'monday')).toEqual({ day: 'monday', open: '19:00', close: '24:00' });
  });

  it('copies a day to the other workdays, replacing theirs and keeping the weekend', () => {
    const copied = copyToWorkdays(
      [
        { day: 'monday', open: '09:00', close: '13:00' },
        { day: 'monday', open: '14:00', close: '18:00' },
        { day: 'tuesday', open: '10:00', close: '12:00' },
        { day: 'saturday', open: '10:00', close: '14:00' },
      ],
      'monday',
    );
    expect(copied.filter((interval) => interval.day === 'tuesday')).toEqual([
      { day: 'tuesday', open: '09:00', close: '13:00' },
      { day: 'tuesday', open: '14:00', close: '18:00' },
    ]);
    expect(copied.filter((interval) => interval.day === 'saturday')).toHaveLength(1);
    expect(copied).toHaveLength(2 * 5 + 1);
  });
});
