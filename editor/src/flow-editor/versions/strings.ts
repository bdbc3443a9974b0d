import type { Translation } from '../../i18n/translation.ts';

const en = {
  title: 'Version history',
} as const;

const es: Translation<typeof en> = {
  title: 'Historial de versiones',
};

export const versionsStrings = { en, es } as const;
