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
      ports: { next: 'Siguiente' },
    },
  },
  trigger: { source: 'manual' },
});
