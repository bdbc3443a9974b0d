/**
 * The opening hours `x-picker: 'schedule'` edits: `[{ day, open, close }]`, as
 * `core.business_hours` and the out-of-hours template keep them. Times are local "HH:MM" in
 * 24-hour form; "24:00" is the end of a day. The list keeps its order, so a problem the server
 * reported at `/schedule/3/close` still names the same interval.
 */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** Monday to Friday: where "copy to weekdays" copies. */
export const workdays: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

export interface Interval {
  readonly day: Weekday;
  readonly open: string;
  readonly close: string;
}

const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'string' && (weekdays as readonly string[]).includes(value);
}

/** The intervals of a stored value, each with its place in the list; anything else in it is dropped. */
export function intervalsOf(value: unknown): { readonly interval: Interval; readonly index: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { day, open, close } = entry as Record<string, unknown>;
    if (!isWeekday(day)) return [];
    return [{ interval: { day, open: typeof open === 'string' ? open : '', close: typeof close === 'string' ? close : '' }, index }];
  });
}

export function isTime(text: string): boolean {
  return TIME.test(text);
}

export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function timeOf(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60, minutes));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** What is wrong with an interval as typed: a time that is not HH:MM, or a close not after the open. */
export function intervalProblem(interval: Interval): 'badOpen' | 'badClose' | 'closeNotAfterOpen' | undefined {
  if (!isTime(interval.open)) return 'badOpen';
  if (!isTime(interval.close)) return 'badClose';
  if (minutesOf(interval.close) <= minutesOf(interval.open)) return 'closeNotAfterOpen';
  return undefined;
}

/**
 * A new interval for `day`: 09:00 to 18:00 on a closed day; after the day's last interval
 * otherwise (an hour after it closes, until 18:00 or the end of the day).
 */
export function nextInterval(intervals: readonly Interval[], day: Weekday): Interval {
  const ofDay = intervals.filter((interval) => interval.day === day && isTime(interval.close));
  const last = ofDay.at(-1);
  if (last === undefined) return { day, open: '09:00', close: '18:00' };
  const open = Math.min(minutesOf(last.close) + 60, 23 * 60);
  return { day, open: timeOf(open), close: open < 18 * 60 ? '18:00' : '24:00' };
}

/** The hours of `day` copied to every other workday, replacing theirs; other days keep theirs. */
export function copyToWorkdays(intervals: readonly Interval[], day: Weekday): Interval[] {
  const source = intervals.filter((interval) => interval.day === day);
  const targets = workdays.filter((other) => other !== day);
  const kept = intervals.filter((interval) => !targets.includes(interval.day));
  return [...kept, ...targets.flatMap((target) => source.map((interval) => ({ ...interval, day: target })))];
}
