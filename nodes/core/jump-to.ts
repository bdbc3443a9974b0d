import { defineNode, Type } from '@switchboard/sdk';

/**
 * Jumps back (or ahead) to another node, at most `maxIterations` times per
 * run; after that the run leaves through `exhausted`. The cap is what lets
 * publishing accept the loop (promise 8), so it has no "unlimited" setting.
 *
 * ```json
 * { "target": "ask_email", "maxIterations": 3 }
 * ```
 */
export const jumpTo = defineNode({
  type: 'core.jump_to',
  title: 'Jump to',
  category: 'Flow',
  description: 'Continues the run at another node, up to a maximum number of times; then leaves through "Out of jumps".',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object(
    {
      target: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', 'x-picker': 'node', title: 'Target node', description: 'The id of the node to continue at.' }),
      maxIterations: Type.Integer({
        minimum: 1,
        maximum: 1000,
        default: 10,
        title: 'Maximum jumps',
        description: 'How many times this node may jump in one run before the run leaves through "Out of jumps". Defaults to 10.',
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: {
      iteration: { type: 'integer', description: 'Jumped: which jump of this node in the run this was, from 1.' },
      iterations: { type: 'integer', description: 'Out of jumps: how many jumps it made.' },
    },
    additionalProperties: false,
    examples: [{ iteration: 2 }, { iterations: 3 }],
  },
  summaryFields: ['target', 'maxIterations'],
  ports: ['exhausted'],
  portLabels: { exhausted: 'Out of jumps' },
  translations: {
    es: {
      title: 'Saltar a',
      category: 'Flujo',
      description: 'Continúa la ejecución en otro nodo, hasta un número máximo de veces; después sigue por «Sin saltos restantes».',
      config: {
        '/properties/target': { title: 'Nodo de destino', description: 'El id del nodo en el que continuar.' },
        '/properties/maxIterations': {
          title: 'Máximo de saltos',
          description: 'Cuántas veces puede saltar este nodo en una ejecución antes de que esta siga por «Sin saltos restantes». Por defecto, 10.',
        },
      },
      output: {
        '/properties/iteration': { description: 'Si saltó: qué salto de este nodo en la ejecución fue, desde 1.' },
        '/properties/iterations': { description: 'Sin saltos restantes: cuántos saltos hizo.' },
      },
      ports: { exhausted: 'Sin saltos restantes' },
    },
  },
  jump: (config) => ({ target: config.target, maxIterations: config.maxIterations }),
  run: (ctx) =>
    ctx.visit <= ctx.config.maxIterations ? ctx.jump(ctx.config.target, { iteration: ctx.visit }) : ctx.next('exhausted', { iterations: ctx.visit - 1 }),
});
