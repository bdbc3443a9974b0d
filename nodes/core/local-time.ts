/** Wall-clock time in a time zone, and the calendar arithmetic business hours need. */

/** Indexed like `Date.prototype.getUTCDay()`: 0 is sunday. */
export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof weekdays)[number];

export interface LocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:MM`, 24-hour. */
  readonly time: string;
  readonly weekday: Weekday;
  /** Minutes since local midnight, 0..1439. */
  readonly minutes: number;
}

// Building a DateTimeFormat costs far more than formatting with one, and a
// routing flow asks for the same few zones on every run. Only zones that
// constructed successfully are cached, so the map is bounded by Intl's list.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // hourCycle h23, not hour12: false, which prints local midnight as "24" in some engines.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local date and time of `instant` in `timeZone`; DST is Intl's business, not ours. */
export function localTimeIn(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return { date, time, weekday: weekdayOf(date), minutes: minutesOf(time) };
}

/** `HH:MM` as minutes since midnight; `24:00` is 1440, the end of the day. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** The weekday of a calendar date, independent of any time zone. */
export function weekdayOf(date: string): Weekday {
  return weekdays[calendarDate(date).getUTCDay()];
}

/** The calendar date `days` after `date`; counted in days, so DST changes can't shift it. */
export function addDays(date: string, days: number): string {
  const next = calendarDate(date);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

function calendarDate(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}
