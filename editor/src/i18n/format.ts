/**
 * Dates, times and numbers as a person reads them: in the app's language and in their time zone
 * (their account's, else the browser's). Every date the app shows goes through here.
 */
export interface Format {
  /** "2 Dec 2026, 14:05" / "2 dic 2026, 14:05". */
  dateTime(value: Date | string): string;
  /** "2 Dec 2026". */
  date(value: Date | string): string;
  /** "14:05", or "14:05:09" to the second. */
  time(value: Date | string, precision?: 'minutes' | 'seconds'): string;
  /** "3 minutes ago", "in 2 hours", "yesterday", against `now`. */
  relative(value: Date | string, now?: Date): string;
  /** "1,234.5" / "1234,5". */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "Ana, Luis and Marta" / "Ana, Luis y Marta". */
  list(items: readonly string[]): string;
  /** The time zone dates are shown in. */
  readonly timeZone: string;
}

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** `timeZone` undefined (or one this browser does not know) is the browser's own. */
export function createFormat(language: string, timeZone?: string | null): Format {
  const zone = knownTimeZone(timeZone) ?? browserTimeZone();
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: zone });
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: zone });
  const timeToTheSecond = new Intl.DateTimeFormat(language, { timeStyle: 'medium', timeZone: zone });
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
  const toDate = (value: Date | string): Date => (typeof value === 'string' ? new Date(value) : value);
  return {
    timeZone: zone,
    dateTime: (value) => dateTime.format(toDate(value)),
    date: (value) => date.format(toDate(value)),
    time: (value, precision = 'minutes') => (precision === 'seconds' ? timeToTheSecond : time).format(toDate(value)),
    relative(value, now = new Date()) {
      const seconds = (toDate(value).getTime() - now.getTime()) / 1000;
      // The largest unit that fits at least once: 90 s ago is "2 minutes ago", 30 h ago "yesterday".
      const [unit, size] = UNITS.find(([, unitSeconds]) => Math.abs(seconds) >= unitSeconds) ?? ['second', 1];
      // Rounded away from now on both sides alike (Math.round alone takes -1.5 to -1).
      return relative.format(Math.sign(seconds) * Math.round(Math.abs(seconds) / size), unit);
    },
    number: (value, options) => new Intl.NumberFormat(language, options).format(value),
    list: (items) => list.format(items),
  };
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function knownTimeZone(timeZone: string | null | undefined): string | undefined {
  if (timeZone === null || timeZone === undefined || timeZone === '') return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}
