import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Inbox',
  intro: 'The shared team inbox: conversations from WhatsApp, web chat and email, handed to agents by your flows.',
  willDo: {
    conversations: 'Show your conversations and your team’s, and let you reply, leave notes for colleagues, tag and close them.',
    contacts: 'Show who each customer is: their details, their fields and their past conversations.',
    status: 'Let agents set their status (online, away), so flows only assign to whoever can answer.',
  },
  comes: 'In a later release of the web app, after the flow editor and the run view.',
  today:
    'The inbox works through its API under <code>/api/inbox</code> (conversations, messages, contacts, agents, teams), and flows already assign conversations through it.',
} as const;

const es: Translation<typeof en> = {
  title: 'Bandeja de entrada',
  intro: 'La bandeja de entrada compartida del equipo: conversaciones de WhatsApp, chat web y correo electrónico, repartidas entre los agentes por tus flujos.',
  willDo: {
    conversations: 'Mostrar tus conversaciones y las de tu equipo, y permitirte responder, dejar notas a tus compañeros, etiquetarlas y cerrarlas.',
    contacts: 'Mostrar quién es cada cliente: sus datos, sus campos y sus conversaciones anteriores.',
    status: 'Permitir que cada agente indique su estado (en línea, ausente), para que los flujos solo asignen a quien puede responder.',
  },
  comes: 'En una versión posterior de la aplicación web, después del editor de flujos y de la vista de ejecuciones.',
  today:
    'La bandeja funciona mediante su API en <code>/api/inbox</code> (conversaciones, mensajes, contactos, agentes, equipos), y los flujos ya asignan conversaciones a través de ella.',
};

export const inboxStrings = { en, es } as const;
