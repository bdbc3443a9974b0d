import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Templates',
  intro:
    'Ready-made flows for the routing most teams need: sales round robin, support to the least busy agent, an out-of-hours message, a rating after close, and more.',
  willDo: {
    gallery: 'Show every bundled template as a card, in your language, with what it needs to run.',
    import: 'Import one by answering its few questions (which team, which agents, which hours) and open the new draft on the canvas.',
  },
  comes: 'With the visual flow editor, the next release of the web app.',
  today:
    'List them with <code>pnpm switchboard templates</code> and import one with <code>pnpm switchboard import-template sales-round-robin --language en</code>, or through <code>GET /api/templates</code>.',
} as const;

const es: Translation<typeof en> = {
  title: 'Plantillas',
  intro:
    'Flujos listos para el enrutamiento que necesitan casi todos los equipos: ventas por turnos, soporte al agente menos ocupado, un mensaje fuera del horario de atención, una valoración al cerrar y más.',
  willDo: {
    gallery: 'Mostrar cada plantilla incluida como una tarjeta, en tu idioma, con lo que necesita para funcionar.',
    import: 'Importar una respondiendo a unas pocas preguntas (qué equipo, qué agentes, qué horario) y abrir el nuevo borrador en el lienzo.',
  },
  comes: 'Con el editor visual de flujos, la próxima versión de la aplicación web.',
  today:
    'Lístalas con <code>pnpm switchboard templates</code> e importa una con <code>pnpm switchboard import-template sales-round-robin --language es</code>, o desde <code>GET /api/templates</code>.',
};

export const templatesStrings = { en, es } as const;
