import { defineNode, SwitchboardError, Type, type ConfigIssue, type ExplanationRow, type Static } from '@switchboard/sdk';
import { addDays, localTimeIn, minutesOf, weekdayOf, weekdays, type LocalTime, type Weekday } from './local-time.ts';
import { stringEnum } from './string-enum.ts';
import { hasTemplate } from './has-template.ts';
import { isTimeZone, timeZoneSchema, unknownTimeZoneMessage } from './timezone.ts';

/** How far ahead `nextOpen` looks; a team closed for longer gets no `nextOpen`. */
const NEXT_OPEN_HORIZON_DAYS = 14;

// 00:00 to 23:59, and 24:00 so that a day can run to its very end.
const TIME_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';

const intervalSchema = Type.Object(
  {
    day: stringEnum(weekdays, {
      title: 'Day',
      description: 'The weekday this opening interval applies to.',
      labels: {
        sunday: 'Sunday',
        monday: 'Monday',
        tuesday: 'Tuesday',
        wednesday: 'Wednesday',
        thursday: 'Thursday',
        friday: 'Friday',
        saturday: 'Saturday',
      },
    }),
    open: Type.String({ pattern: TIME_PATTERN, title: 'Opens', description: 'Local time the interval starts, HH:MM in 24-hour form.' }),
    close: Type.String({
      pattern: TIME_PATTERN,
      title: 'Closes',
      description: 'Local time the interval ends, HH:MM; 24:00 is the end of the day. Must be after the opening time.',
    }),
  },
  { additionalProperties: false },
);
type Interval = Static<typeof intervalSchema>;

const holidaySchema = Type.Object(
  {
    date: Type.String({ format: 'date', title: 'Date', description: 'Local date the team is closed all day, YYYY-MM-DD.' }),
    name: Type.Optional(Type.String({ maxLength: 200, title: 'Name', description: 'What the day is, e.g. Christmas; shown in the output.' })),
  },
  { additionalProperties: false },
);
type Holiday = Static<typeof holidaySchema>;

const weekdaysNineToSix: readonly Interval[] = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => ({
  day,
  open: '09:00',
  close: '18:00',
}));

/**
 * Routes to `open` or `closed` by the team's weekly hours in its time zone,
 * with holidays closed all day. When closed, the output says when the team
 * next opens, for messages like "we're back Monday at 09:00".
 *
 * ```json
 * { "timezone": "America/Mexico_City", "schedule": [{ "day": "monday", "open": "09:00", "close": "18:00" }], "holidays": [{ "date": "2025-12-25", "name": "Navidad" }] }
 * ```
 */
export const businessHours = defineNode({
  type: 'core.business_hours',
  title: 'Business hours',
  category: 'Date & time',
  description: 'Routes to "open" or "closed" by weekly opening hours and holidays in a time zone.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object(
    {
      timezone: timeZoneSchema('The time zone the hours are in, e.g. America/Mexico_City. Defaults to UTC.'),
      schedule: Type.Array(intervalSchema, {
        maxItems: 100,
        default: weekdaysNineToSix,
        'x-picker': 'schedule',
        title: 'Opening hours',
        description: 'Weekly intervals when the team is open; a day may have several. Defaults to Monday to Friday, 09:00 to 18:00.',
      }),
      holidays: Type.Array(holidaySchema, {
        maxItems: 1000,
        default: [],
        'x-picker': 'holidays',
        title: 'Holidays',
        description: 'Dates the team is closed all day, whatever the weekly hours say.',
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: {
      open: { type: 'boolean', description: 'Whether the team is open now.' },
      timezone: { type: 'string', description: 'The time zone the hours are read in.' },
      localTime: { type: 'string', description: 'The local date and time now, YYYY-MM-DDTHH:MM.' },
      day: { type: 'string', enum: [...weekdays], description: 'The local weekday now, e.g. monday.' },
      holiday: { type: 'string', description: 'Closed for a holiday: its name (or date).' },
      nextOpen: {
        type: 'object',
        description: 'Closed: when the team next opens, within two weeks (for "we are back on Monday at 09:00").',
        properties: {
          day: { type: 'string', enum: [...weekdays], description: 'The weekday it opens.' },
          time: { type: 'string', description: 'The local time it opens, HH:MM.' },
          localDate: { type: 'string', format: 'date', description: 'The local date it opens, YYYY-MM-DD.' },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    examples: [
      {
        open: false,
        timezone: 'America/Mexico_City',
        localTime: '2025-06-07T11:30',
        day: 'saturday',
        nextOpen: { day: 'monday', time: '09:00', localDate: '2025-06-09' },
      },
    ],
  },
  summaryFields: ['timezone', 'schedule', 'holidays'],
  ports: ['open', 'closed'],
  portLabels: { open: 'Open', closed: 'Closed' },
  translations: {
    es: {
      title: 'Horario de atención',
      category: 'Fecha y hora',
      description: 'Sigue por «Abierto» o por «Cerrado» según el horario semanal y los días festivos, en una zona horaria.',
      config: {
        '/properties/timezone': { title: 'Zona horaria', description: 'La zona horaria del horario, p. ej. America/Mexico_City. Por defecto, UTC.' },
        '/properties/schedule': {
          title: 'Horario de apertura',
          description: 'Intervalos de cada semana en que el equipo atiende; un día puede tener varios. Por defecto, de lunes a viernes de 09:00 a 18:00.',
        },
        '/properties/schedule/items/properties/day': {
          title: 'Día',
          description: 'El día de la semana al que se aplica este intervalo.',
          enumNames: {
            sunday: 'Domingo',
            monday: 'Lunes',
            tuesday: 'Martes',
            wednesday: 'Miércoles',
            thursday: 'Jueves',
            friday: 'Viernes',
            saturday: 'Sábado',
          },
        },
        '/properties/schedule/items/properties/open': { title: 'Abre', description: 'Hora local a la que empieza el intervalo, HH:MM en formato de 24 horas.' },
        '/properties/schedule/items/properties/close': {
          title: 'Cierra',
          description: 'Hora local a la que termina el intervalo, HH:MM; 24:00 es el final del día. Tiene que ser posterior a la apertura.',
        },
        '/properties/holidays': {
          title: 'Días festivos',
          description: 'Fechas en que el equipo no atiende en todo el día, diga lo que diga el horario semanal.',
        },
        '/properties/holidays/items/properties/date': { title: 'Fecha', description: 'Fecha local en que el equipo no atiende en todo el día, AAAA-MM-DD.' },
        '/properties/holidays/items/properties/name': { title: 'Nombre', description: 'Qué día es, p. ej. Navidad; aparece en la salida del nodo.' },
      },
      output: {
        '/properties/open': { description: 'Si el equipo atiende ahora.' },
        '/properties/timezone': { description: 'La zona horaria en que se lee el horario.' },
        '/properties/localTime': { description: 'La fecha y hora locales de ahora, AAAA-MM-DDTHH:MM.' },
        '/properties/day': { description: 'El día de la semana local de ahora, p. ej. monday.' },
        '/properties/holiday': { description: 'Si está cerrado por un día festivo: su nombre (o su fecha).' },
        '/properties/nextOpen': {
          description: 'Si está cerrado: cuándo vuelve a abrir el equipo, en las próximas dos semanas (para «volvemos el lunes a las 09:00»).',
        },
        '/properties/nextOpen/properties/day': { description: 'El día de la semana en que abre.' },
        '/properties/nextOpen/properties/time': { description: 'La hora local a la que abre, HH:MM.' },
        '/properties/nextOpen/properties/localDate': { description: 'La fecha local en que abre, AAAA-MM-DD.' },
      },
      ports: { open: 'Abierto', closed: 'Cerrado' },
      explanations: {
        open: 'Abierto: hora local {day, weekday} {time} en {timezone}, dentro del horario.',
        closed: 'Cerrado: hora local {day, weekday} {time} en {timezone}, fuera del horario.',
        holiday: 'Cerrado: hora local {day, weekday} {time} en {timezone}, y el {date, date} es festivo.',
        now_within: 'la hora local cae dentro',
        not_now: 'no a las {time}',
        holiday_row: 'festivo el {date, date}',
        no_hours: 'sin horario el {day, weekday}',
      },
    },
  },
  explanations: {
    open: 'Open: it was {day, weekday} {time} in {timezone}, within the opening hours.',
    closed: 'Closed: it was {day, weekday} {time} in {timezone}, outside the opening hours.',
    holiday: 'Closed: it was {day, weekday} {time} in {timezone}, and {date, date} is a holiday.',
    now_within: 'the local time falls in it',
    not_now: 'not at {time}',
    holiday_row: 'holiday on {date, date}',
    no_hours: 'no opening hours on {day, weekday}',
  },
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    // A templated zone (e.g. the contact's own) can only be checked once rendered, at run time.
    if (!hasTemplate(config.timezone) && !isTimeZone(config.timezone)) issues.push({ path: '/timezone', message: unknownTimeZoneMessage(config.timezone) });
    config.schedule.forEach((interval, index) => {
      const path = `/schedule/${index}/close`;
      const { day, open, close } = interval;
      if (minutesOf(open) === minutesOf(close)) {
        issues.push({ path, message: `On ${day} the interval opens and closes at ${open}, so it is never open. Fix the times or remove the interval.` });
      } else if (minutesOf(close) < minutesOf(open)) {
        issues.push({
          path,
          message: `On ${day} the interval closes at ${close}, before it opens at ${open}. For hours past midnight use two intervals: ${day} ${open}-24:00 and ${nextWeekday(day)} 00:00-${close}.`,
        });
      }
    });
    return issues;
  },
  run: (ctx) => {
    const { timezone, schedule, holidays } = ctx.config;
    if (!isTimeZone(timezone)) {
      throw new SwitchboardError('STEP_INVALID_INPUT', `Node "${ctx.node.id}": ${unknownTimeZoneMessage(timezone)}`, { path: '/config/timezone' });
    }
    const local = localTimeIn(ctx.now, timezone);
    const holiday = holidays.find((candidate) => candidate.date === local.date);
    const isOpen = holiday === undefined && schedule.some((interval) => interval.day === local.weekday && contains(interval, local.minutes));
    const nextOpen = isOpen ? undefined : findNextOpen(local, schedule, holidays);
    const seen = { day: local.weekday, time: local.time, timezone };
    const today = schedule.filter((interval) => interval.day === local.weekday);
    const rows: ExplanationRow[] = today.slice(0, 49).map((interval) => {
      const name = `${interval.open}–${interval.close}`;
      return contains(interval, local.minutes) && holiday === undefined
        ? { name, outcome: 'chosen', code: 'now_within' }
        : { name, outcome: 'passed', code: 'not_now', params: { time: local.time } };
    });
    if (today.length === 0) rows.push({ name: local.weekday, outcome: 'info', code: 'no_hours', params: { day: local.weekday } });
    if (holiday !== undefined) rows.unshift({ name: holiday.name ?? holiday.date, outcome: 'info', code: 'holiday_row', params: { date: holiday.date } });
    ctx.explain({
      code: holiday !== undefined ? 'holiday' : isOpen ? 'open' : 'closed',
      params: holiday === undefined ? seen : { ...seen, date: holiday.date },
      rows: rows.slice(0, 50),
    });
    return ctx.next(isOpen ? 'open' : 'closed', {
      open: isOpen,
      timezone,
      localTime: `${local.date}T${local.time}`,
      day: local.weekday,
      ...(holiday === undefined ? {} : { holiday: holiday.name ?? holiday.date }),
      ...(nextOpen === undefined ? {} : { nextOpen }),
    });
  },
});

/** Intervals are half-open, [open, close): at 18:00 a 09:00-18:00 team is closed. */
function contains(interval: Interval, minutes: number): boolean {
  return minutesOf(interval.open) <= minutes && minutes < minutesOf(interval.close);
}

interface NextOpen {
  readonly day: string;
  readonly time: string;
  readonly localDate: string;
}

/** The start of the next opening interval after `local`, skipping holidays; wall-clock times, so DST needs no care. */
function findNextOpen(local: LocalTime, schedule: readonly Interval[], holidays: readonly Holiday[]): NextOpen | undefined {
  const closedDates = new Set(holidays.map((holiday) => holiday.date));
  for (let offset = 0; offset <= NEXT_OPEN_HORIZON_DAYS; offset += 1) {
    const date = addDays(local.date, offset);
    if (closedDates.has(date)) continue;
    const day = weekdayOf(date);
    const opens = schedule
      .filter((interval) => interval.day === day && (offset > 0 || minutesOf(interval.open) > local.minutes))
      .map((interval) => interval.open)
      .sort();
    if (opens.length > 0) return { day, time: opens[0], localDate: date };
  }
  return undefined;
}

function nextWeekday(day: Weekday): Weekday {
  return weekdays[(weekdays.indexOf(day) + 1) % weekdays.length];
}
