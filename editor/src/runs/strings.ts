import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Runs',
  intro: 'A run is one conversation or event going through a flow, step by step, with everything each step did recorded.',
  willDo: {
    list: 'List runs across flows or for one flow, filtered by status, flow, conversation and time.',
    view: 'Draw a run on its flow with the path it took, and show each step’s input, output, chosen output and error, live while it runs.',
    act: 'Cancel a run, or retry a failed one from the step that failed.',
  },
  comes: 'With the run view, the release after the flow editor.',
  today: 'List runs with <code>GET /api/runs</code>; <code>GET /api/runs/{id}</code> returns every step with its input, output and error.',
  run: {
    title: 'Run {{id}}',
    intro: 'This is where run {{id}} will be drawn on its flow, step by step.',
    today: 'Read it through the API: <code>GET /api/runs/{{id}}</code>.',
  },
} as const;

const es: Translation<typeof en> = {
  title: 'Ejecuciones',
  intro: 'Una ejecución es el recorrido de una conversación o un evento por un flujo, paso a paso, con todo lo que hizo cada paso registrado.',
  willDo: {
    list: 'Listar las ejecuciones de todos los flujos o de uno, filtradas por estado, flujo, conversación y fecha.',
    view: 'Dibujar una ejecución sobre su flujo con el camino que siguió y mostrar la entrada, la salida, la salida elegida y el error de cada paso, en directo mientras avanza.',
    act: 'Cancelar una ejecución o reintentar una fallida desde el paso que falló.',
  },
  comes: 'Con la vista de ejecuciones, la versión siguiente al editor de flujos.',
  today: 'Lista las ejecuciones con <code>GET /api/runs</code>; <code>GET /api/runs/{id}</code> devuelve cada paso con su entrada, su salida y su error.',
  run: {
    title: 'Ejecución {{id}}',
    intro: 'Aquí se dibujará la ejecución {{id}} sobre su flujo, paso a paso.',
    today: 'Consúltala desde la API: <code>GET /api/runs/{{id}}</code>.',
  },
};

export const runsStrings = { en, es } as const;
