import type { Translation } from '../../i18n/translation.ts';

const en = {
  title: 'Step settings',
} as const;

const es: Translation<typeof en> = {
  title: 'Ajustes del paso',
};

export const flowConfigStrings = { en, es } as const;
