import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Flows',
  intro:
    'Flows decide who answers each conversation: assign it round robin or to the least busy agent, send an away message out of hours, ask for a rating after it closes.',
  willDo: {
    list: 'List every flow with its status (draft, published, stopped), its version and its recent runs, with search and filters.',
    manage: 'Create, duplicate, rename and archive flows.',
    edit: 'Open a flow in the visual editor: add steps, connect their outputs, see problems as you type, publish and roll back to any version.',
  },
  comes: 'With the visual flow editor, the next release of the web app.',
  today:
    'Create and publish flows through the API (<code>POST /api/workflows</code>) or from the command line (<code>pnpm switchboard import flow.json --publish</code>).',
  flow: {
    title: 'Flow {{id}}',
    intro: 'This is where flow {{id}} will open in the visual editor.',
    today: 'Read it through the API: <code>GET /api/workflows/{{id}}</code>.',
  },
} as const;

const es: Translation<typeof en> = {
  title: 'Flujos',
  intro:
    'Los flujos deciden quién atiende cada conversación: la asignan por turnos o al agente menos ocupado, envían un mensaje de ausencia fuera del horario de atención y piden una valoración al cerrarla.',
  willDo: {
    list: 'Listar todos los flujos con su estado (borrador, publicado, detenido), su versión y sus ejecuciones recientes, con búsqueda y filtros.',
    manage: 'Crear, duplicar, renombrar y archivar flujos.',
    edit: 'Abrir un flujo en el editor visual: añadir pasos, conectar sus salidas, ver los problemas mientras escribes, publicar y volver a cualquier versión.',
  },
  comes: 'Con el editor visual de flujos, la próxima versión de la aplicación web.',
  today:
    'Crea y publica flujos desde la API (<code>POST /api/workflows</code>) o desde la línea de comandos (<code>pnpm switchboard import flujo.json --publish</code>).',
  flow: {
    title: 'Flujo {{id}}',
    intro: 'Aquí se abrirá el flujo {{id}} en el editor visual.',
    today: 'Consúltalo desde la API: <code>GET /api/workflows/{{id}}</code>.',
  },
};

export const flowsStrings = { en, es } as const;
