/** A time zone as the picker lists it: "Mexico City (GMT-6)" under "America". */
export interface TimeZoneOption {
  readonly value: string;
  readonly label: string;
}

export interface TimeZoneGroup {
  readonly region: string;
  readonly zones: readonly TimeZoneOption[];
}

/**
 * Every IANA time zone this browser knows (Intl.supportedValuesOf), grouped by region, each with
 * its offset from UTC today in `language`. `include` adds a zone the list lacks (one an account
 * kept from another browser), so the picker can show what is saved.
 */
export function timeZoneGroups(language: string, include: readonly string[] = [], now: Date = new Date()): readonly TimeZoneGroup[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  for (const zone of include) zones.add(zone);
  const groups = new Map<string, TimeZoneOption[]>();
  for (const zone of [...zones].sort()) {
    const slash = zone.indexOf('/');
    const region = slash === -1 ? 'UTC' : zone.slice(0, slash);
    const place = (slash === -1 ? zone : zone.slice(slash + 1)).replaceAll('_', ' ').replaceAll('/', ' / ');
    const offset = offsetName(zone, language, now);
    const list = groups.get(region) ?? [];
    list.push({ value: zone, label: offset === undefined ? place : `${place} (${offset})` });
    groups.set(region, list);
  }
  return [...groups].map(([region, list]) => ({ region, zones: list }));
}

/** "GMT-6", "GMT+5:30", "GMT" (as Intl names it in `language`), or undefined for a zone Intl does not know. */
export function offsetName(timeZone: string, language: string, now: Date = new Date()): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(now);
    return parts.find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
}
