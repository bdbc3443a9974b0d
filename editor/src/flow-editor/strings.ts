import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Flow editor',
} as const;

const es: Translation<typeof en> = {
  title: 'Editor de flujos',
};

export const flowEditorStrings = { en, es } as const;
