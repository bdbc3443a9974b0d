import type { Translation } from '../i18n/translation.ts';

const en = {
  noAccess: {
    title: 'You can’t open {{section}}',
    admin: 'Only administrators can open Settings. Ask one of them if you need a person invited, a role changed or an API token.',
    flows: 'Flows, templates and runs are open to administrators, editors and viewers. Your role is {{role}}.',
    signedInAs: 'You’re signed in as {{name}} ({{role}}).',
    home: 'Go to {{section}}',
  },
  sections: {
    flows: 'Flows',
    templates: 'Templates',
    runs: 'Runs',
    inbox: 'Inbox',
    settings: 'Settings',
  },
} as const;

const es: Translation<typeof en> = {
  noAccess: {
    title: 'No puedes abrir {{section}}',
    admin:
      'Solo los administradores pueden abrir la configuración. Pídele a uno que invite a una persona, cambie un rol o cree un token de API si lo necesitas.',
    flows: 'Los flujos, las plantillas y las ejecuciones están disponibles para administradores, editores y lectores. Tu rol es {{role}}.',
    signedInAs: 'Iniciaste sesión como {{name}} ({{role}}).',
    home: 'Ir a {{section}}',
  },
  sections: {
    flows: 'Flujos',
    templates: 'Plantillas',
    runs: 'Ejecuciones',
    inbox: 'Bandeja de entrada',
    settings: 'Configuración',
  },
};

export const sessionStrings = { en, es } as const;
