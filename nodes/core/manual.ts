import { defineNode, Type } from '@switchboard/sdk';

/**
 * Starts a run by hand, from the editor, the API or the CLI; the input given
 * becomes `trigger`.
 *
 * ```json
 * { "inputSchema": { "type": "object", "properties": { "email": { "type": "string" } } } }
 * ```
 */
export const manual = defineNode({
  type: 'core.manual',
  title: 'Run manually',
  category: 'Triggers',
  description: 'Starts the workflow on request, from the editor, the API or the CLI, with the input given there.',
  kind: 'trigger',
  configSchema: Type.Object(
    {
      inputSchema: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          title: 'Input schema',
          description: 'A JSON Schema describing the expected input, shown to whoever starts the run. Informational: the input is not checked against it.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    description: 'The input given when the run was started (or by the workflow that started it); the input schema above describes it.',
    examples: [{ email: 'ana@example.com', plan: 'pro' }],
  },
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Ejecutar manualmente',
      category: 'Disparadores',
      description: 'Inicia el flujo cuando se pide, desde el editor, la API o la línea de comandos, con los datos de entrada que se den ahí.',
      config: {
        '/properties/inputSchema': {
          title: 'Esquema de entrada',
          description:
            'Un JSON Schema que describe la entrada esperada y que ve quien inicia la ejecución. Es solo informativo: la entrada no se comprueba con él.',
        },
      },
      output: {
        '': {
          description: 'Los datos de entrada que se dieron al iniciar la ejecución (o el flujo que la inició); el esquema de entrada de arriba los describe.',
        },
      },
      ports: { next: 'Siguiente' },
    },
  },
  trigger: { source: 'manual' },
});
