import type { Translation } from '../i18n/translation.ts';

const en = {
  notHereYet: {
    badge: 'Not here yet',
    willDo: 'What this screen will do',
    comes: 'When it comes',
    today: 'What you can do today',
  },
  form: {
    optional: '(optional)',
    required: 'Enter this to continue.',
    invalidEmail: 'Enter an email address, like ana@example.com.',
    passwordTooShort: 'Use at least {{count}} characters.',
    showPassword: 'Show password',
  },
  copy: {
    button: 'Copy',
    copied: 'Copied',
    selected: 'Your browser doesn’t let this page use the clipboard. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  },
  dialog: {
    close: 'Close',
    cancel: 'Cancel',
  },
  errors: {
    network: 'Switchboard didn’t answer. Check that it’s running and that you’re online, then try again.',
    unknown: 'Something went wrong. Try again.',
  },
  loadError: {
    title: 'This page couldn’t load',
    body: 'Switchboard answered with an error, or didn’t answer at all.',
    detail: 'What the server said: {{message}}',
    retry: 'Try again',
  },
} as const;

const es: Translation<typeof en> = {
  notHereYet: {
    badge: 'Todavía no disponible',
    willDo: 'Qué hará esta pantalla',
    comes: 'Cuándo llega',
    today: 'Qué puedes hacer hoy',
  },
  form: {
    optional: '(opcional)',
    required: 'Completa este campo para continuar.',
    invalidEmail: 'Escribe una dirección de correo, como ana@example.com.',
    passwordTooShort: 'Usa al menos {{count}} caracteres.',
    showPassword: 'Mostrar la contraseña',
  },
  copy: {
    button: 'Copiar',
    copied: 'Copiado',
    selected: 'Tu navegador no permite que esta página use el portapapeles. El texto está seleccionado: pulsa Ctrl+C (⌘C en un Mac) para copiarlo.',
  },
  dialog: {
    close: 'Cerrar',
    cancel: 'Cancelar',
  },
  errors: {
    network: 'Switchboard no respondió. Comprueba que esté en marcha y que tengas conexión, y vuelve a intentarlo.',
    unknown: 'Algo salió mal. Vuelve a intentarlo.',
  },
  loadError: {
    title: 'No se pudo cargar esta página',
    body: 'Switchboard respondió con un error o no respondió.',
    detail: 'Lo que dijo el servidor: {{message}}',
    retry: 'Volver a intentarlo',
  },
};

export const uiStrings = { en, es } as const;
