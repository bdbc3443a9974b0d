import { CronExpressionParser } from 'cron-parser';
import { defineNode, Type, type ConfigIssue } from '@switchboard/sdk';
import { isTimeZone, timeZoneSchema, unknownTimeZoneMessage } from './timezone.ts';

/**
 * Starts a run on a cron schedule, read in a time zone so that "09:00 on
 * weekdays" stays 09:00 local across DST changes.
 *
 * ```json
 * { "cron": "0 9 * * 1-5", "timezone": "Europe/Madrid" }
 * ```
 */
export const schedule = defineNode({
  type: 'core.schedule',
  title: 'On schedule',
  category: 'Triggers',
  description: 'Starts the workflow on a cron schedule in a time zone.',
  kind: 'trigger',
  configSchema: Type.Object(
    {
      cron: Type.String({
        minLength: 1,
        title: 'Cron expression',
        description: 'Five fields: minute, hour, day of month, month, day of week; e.g. "0 9 * * 1-5" is 09:00 on weekdays. Aliases such as @daily work too.',
      }),
      timezone: timeZoneSchema('The time zone the expression is read in, e.g. Europe/Madrid. Defaults to UTC.'),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: { scheduledAt: { type: 'string', format: 'date-time', description: 'The time this run was scheduled for, in UTC.' } },
    additionalProperties: false,
    examples: [{ scheduledAt: '2025-06-02T07:00:00.000Z' }],
  },
  summaryFields: ['cron', 'timezone'],
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Según una programación',
      category: 'Disparadores',
      description: 'Inicia el flujo según una programación cron en una zona horaria.',
      config: {
        '/properties/cron': {
          title: 'Expresión cron',
          description:
            'Cinco campos: minuto, hora, día del mes, mes y día de la semana; p. ej. «0 9 * * 1-5» es a las 09:00 de lunes a viernes. También valen alias como @daily.',
        },
        '/properties/timezone': { title: 'Zona horaria', description: 'La zona horaria en que se lee la expresión, p. ej. Europe/Madrid. Por defecto, UTC.' },
      },
      output: { '/properties/scheduledAt': { description: 'La hora para la que estaba programada esta ejecución, en UTC.' } },
      ports: { next: 'Siguiente' },
    },
  },
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    const cronProblem = cronExpressionProblem(config.cron);
    if (cronProblem !== undefined) issues.push({ path: '/cron', message: cronProblem });
    if (!isTimeZone(config.timezone)) issues.push({ path: '/timezone', message: unknownTimeZoneMessage(config.timezone) });
    return issues;
  },
  trigger: {
    source: 'schedule',
    cron: (config) => ({ expression: config.cron, timezone: config.timezone }),
  },
});

const EXAMPLE = 'Write five fields, e.g. "0 9 * * 1-5" for 09:00 on weekdays.';

function cronExpressionProblem(expression: string): string | undefined {
  // cron-parser reads an empty text as "every minute"; an empty field is a mistake, not a wish.
  if (expression.trim() === '') return `The cron expression is empty. ${EXAMPLE}`;
  let seconds: readonly number[];
  try {
    seconds = CronExpressionParser.parse(expression).fields.second.values;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `"${expression}" is not a valid cron expression (${reason}). ${EXAMPLE}`;
  }
  // Schedules fire at most once a minute. cron-parser also accepts a leading
  // seconds field (and @secondly); such a schedule would silently run less
  // often than written, so refuse it here.
  if (seconds.length !== 1 || seconds[0] !== 0) {
    return `"${expression}" sets seconds, but schedules run on whole minutes, at most once a minute. ${EXAMPLE}`;
  }
  return undefined;
}
