import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Page not found',
  body: 'There is no page at <code>{{path}}</code>. The address may be mistyped, or the page may have moved.',
  back: 'Go to flows',
  backToInbox: 'Go to the inbox',
} as const;

const es: Translation<typeof en> = {
  title: 'Página no encontrada',
  body: 'No hay ninguna página en <code>{{path}}</code>. Puede que la dirección esté mal escrita o que la página se haya movido.',
  back: 'Ir a los flujos',
  backToInbox: 'Ir a la bandeja de entrada',
};

export const notFoundStrings = { en, es } as const;
