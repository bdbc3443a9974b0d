import type { Translation } from '../i18n/translation.ts';

const en = {
  notHereYet: {
    badge: 'Not here yet',
    willDo: 'What this screen will do',
    comes: 'When it comes',
    today: 'What you can do today',
  },
} as const;

const es: Translation<typeof en> = {
  notHereYet: {
    badge: 'Todavía no disponible',
    willDo: 'Qué hará esta pantalla',
    comes: 'Cuándo llega',
    today: 'Qué puedes hacer hoy',
  },
};

export const uiStrings = { en, es } as const;
