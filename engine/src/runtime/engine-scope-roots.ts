import type { ScopeRootDescription } from '../sdk.ts';

/**
 * The scope roots the engine itself gives every template (build-scope.ts), described for the
 * editor as context providers describe theirs. `trigger` and `steps` are not here: what they
 * hold depends on the flow, and the editor reads it from the node types' `outputSchema`.
 * `secrets` is described without properties: the template-scope route lists the stored names.
 */
export const engineScopeRoots: readonly ScopeRootDescription[] = [
  {
    name: 'vars',
    title: 'Variables',
    description: 'Run variables, by name: set by earlier steps (Set variable, Save to variable) and read as vars.<name>.',
    schema: { type: 'object', examples: [{}] },
    translations: {
      es: {
        title: 'Variables',
        description:
          'Las variables de la ejecución, por nombre: las definen pasos anteriores (Definir variable, Guardar en la variable) y se leen como vars.<nombre>.',
      },
    },
  },
  {
    name: 'run',
    title: 'Run',
    description: 'This run of the workflow.',
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid', description: "The run's id." },
        workflowId: { type: 'string', format: 'uuid', description: "The workflow's id." },
        version: { type: 'integer', description: 'The published version the run follows.' },
        subject: { type: ['string', 'null'], description: 'What the run is about, e.g. conversation:<id>; null when nothing.' },
        rootRunId: {
          type: 'string',
          format: 'uuid',
          description: 'The run at the head of the chain of runs that started this one; its own id when it started from outside.',
        },
        depth: { type: 'integer', description: 'How many runs started by runs lead to this one: 0 for a run started from outside.' },
      },
      additionalProperties: false,
      examples: [
        {
          id: '9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
          workflowId: 'c4d5e6f7-0a1b-4c2d-8e3f-405162738495',
          version: 3,
          subject: 'conversation:5b7a3c1e-2f4d-4e8a-9c61-0d2e7f9a4b13',
          rootRunId: '9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
          depth: 0,
        },
      ],
    },
    translations: {
      es: {
        title: 'Ejecución',
        description: 'Esta ejecución del flujo.',
        schema: {
          '/properties/id': { description: 'El id de la ejecución.' },
          '/properties/workflowId': { description: 'El id del flujo.' },
          '/properties/version': { description: 'La versión publicada que sigue la ejecución.' },
          '/properties/subject': { description: 'De qué trata la ejecución, p. ej. conversation:<id>; null si no trata de nada.' },
          '/properties/rootRunId': {
            description: 'La ejecución al principio de la cadena de ejecuciones que inició esta; su propio id si se inició desde fuera.',
          },
          '/properties/depth': { description: 'Cuántas ejecuciones iniciadas por otras llevan hasta esta: 0 si se inició desde fuera.' },
        },
      },
    },
  },
  {
    name: 'now',
    title: 'Now',
    description: 'When the step runs, in UTC (ISO 8601): {{ now | date: "%H:%M", "Europe/Madrid" }} shows the local time.',
    schema: { type: 'string', format: 'date-time', examples: ['2025-06-02T09:30:00.000Z'] },
    translations: {
      es: {
        title: 'Ahora',
        description: 'Cuándo se ejecuta el paso, en UTC (ISO 8601): {{ now | date: "%H:%M", "Europe/Madrid" }} da la hora local.',
      },
    },
  },
  {
    name: 'secrets',
    title: 'Secrets',
    description: 'Stored secrets, by name, as {{ secrets.API_TOKEN }}; a step records [secret:API_TOKEN] wherever the value would be.',
    schema: { type: 'object', examples: [{}] },
    translations: {
      es: {
        title: 'Secretos',
        description: 'Los secretos guardados, por nombre, como {{ secrets.API_TOKEN }}; un paso guarda [secret:API_TOKEN] donde iría el valor.',
      },
    },
  },
];
