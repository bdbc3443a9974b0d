import { Type } from '@switchboard/sdk';

/**
 * Whether this process knows the time zone. Intl is the authority because it
 * is what computes local times at run time (and what cron-parser's luxon uses),
 * so a zone accepted here is one that will work later.
 */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

export function unknownTimeZoneMessage(name: string): string {
  return `"${name}" is not a time zone this server knows. Use an IANA name such as "Europe/Madrid", "America/New_York" or "UTC".`;
}

/** The config field every time-aware node shares. Defaults to UTC. */
export function timeZoneSchema(description: string) {
  return Type.String({ minLength: 1, default: 'UTC', 'x-picker': 'timezone', title: 'Time zone', description });
}
