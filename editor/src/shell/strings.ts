import type { Translation } from '../i18n/translation.ts';

const en = {
  appName: 'Switchboard',
  documentTitle: '{{screen}} · Switchboard',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main',
    flows: 'Flows',
    templates: 'Templates',
    runs: 'Runs',
    inbox: 'Inbox',
    settings: 'Settings',
  },
  menu: {
    open: 'Open the menu',
    close: 'Close the menu',
    title: 'Menu',
  },
  language: {
    label: 'Language',
    button: 'Language: {{language}}',
  },
  server: {
    checking: 'Checking the server…',
    up: 'Server online',
    upDetail: 'The server and its database answer. Checked at {{time}}.',
    databaseDown: 'Database not answering',
    databaseDownDetail: 'The server answers but its database does not. Checked at {{time}}.',
    unreachable: 'Server unreachable',
    unreachableDetail: 'The server does not answer. Is Switchboard running? Checked at {{time}}.',
  },
  apiReference: 'API reference',
  account: {
    menuPrefix: 'Account:',
    signedInAs: 'Signed in as {{email}}',
    yourAccount: 'Your account',
    signOut: 'Sign out',
    roles: {
      admin: 'Admin',
      editor: 'Editor',
      agent: 'Agent',
      viewer: 'Viewer',
    },
  },
} as const;

const es: Translation<typeof en> = {
  appName: 'Switchboard',
  documentTitle: '{{screen}} · Switchboard',
  skipToContent: 'Saltar al contenido',
  nav: {
    label: 'Principal',
    flows: 'Flujos',
    templates: 'Plantillas',
    runs: 'Ejecuciones',
    inbox: 'Bandeja de entrada',
    settings: 'Configuración',
  },
  menu: {
    open: 'Abrir el menú',
    close: 'Cerrar el menú',
    title: 'Menú',
  },
  language: {
    label: 'Idioma',
    button: 'Idioma: {{language}}',
  },
  server: {
    checking: 'Comprobando el servidor…',
    up: 'Servidor en línea',
    upDetail: 'El servidor y su base de datos responden. Última comprobación: {{time}}.',
    databaseDown: 'La base de datos no responde',
    databaseDownDetail: 'El servidor responde, pero su base de datos no. Última comprobación: {{time}}.',
    unreachable: 'Sin conexión con el servidor',
    unreachableDetail: 'El servidor no responde. ¿Está Switchboard en marcha? Última comprobación: {{time}}.',
  },
  apiReference: 'Referencia de la API',
  account: {
    menuPrefix: 'Cuenta:',
    signedInAs: 'Sesión iniciada como {{email}}',
    yourAccount: 'Tu cuenta',
    signOut: 'Cerrar sesión',
    roles: {
      admin: 'Administrador',
      editor: 'Editor',
      agent: 'Agente',
      viewer: 'Lector',
    },
  },
};

export const shellStrings = { en, es } as const;
