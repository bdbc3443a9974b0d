import type { Translation } from '../../i18n/translation.ts';

const en = {
  title: 'Canvas',
} as const;

const es: Translation<typeof en> = {
  title: 'Lienzo',
};

export const canvasStrings = { en, es } as const;
