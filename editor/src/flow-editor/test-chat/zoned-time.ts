/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; the person means their
 * own (their account's time zone, which may not be the browser's). These convert between that
 * wall-clock text ("2026-12-06T23:00") and an instant, in a given IANA zone.
 */
export function wallClockToIso(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at the guessed instant, then again at the corrected one: right across a DST change.
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

export function isoToWallClock(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  const local = new Date(instant + offsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((each) => each.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
