import type { Translation } from '../../i18n/translation.ts';

const en = {
  title: 'Outline',
} as const;

const es: Translation<typeof en> = {
  title: 'Esquema',
};

export const outlineStrings = { en, es } as const;
