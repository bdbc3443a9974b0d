import { stringEnum } from './string-enum.ts';

export const durationUnits = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const unitMs: Readonly<Record<DurationUnit, number>> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The longest a wait may last. Past a year, a schedule trigger says what is meant more honestly than a parked run. */
export const MAX_WAIT_MS = 366 * unitMs.days;

export function durationMs(amount: number, unit: DurationUnit): number {
  return amount * unitMs[unit];
}

/** `when`: the config values that show the unit (an `x-when`), for a node whose mode decides. */
export function durationUnitSchema(title: string, description: string, defaultUnit: DurationUnit, when?: Readonly<Record<string, string>>) {
  return stringEnum(durationUnits, {
    ...(when === undefined ? {} : { when }),
    title,
    description,
    default: defaultUnit,
    labels: { seconds: 'Seconds', minutes: 'Minutes', hours: 'Hours', days: 'Days' },
  });
}

/** The Spanish labels of `durationUnitSchema`'s values. */
export const durationUnitNamesEs: Readonly<Record<DurationUnit, string>> = { seconds: 'Segundos', minutes: 'Minutos', hours: 'Horas', days: 'Días' };
