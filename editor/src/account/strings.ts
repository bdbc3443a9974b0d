import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Your account',
  intro: 'Signed in as {{email}}, with the {{role}} role.',
  profile: {
    title: 'Profile',
    intro: 'Your name is shown to your team; the language and time zone are how Switchboard shows you text, dates and times.',
    name: 'Name',
    email: 'Email',
    language: 'Language',
    browserLanguage: 'Your browser’s language',
    timeZone: 'Time zone',
    timeZoneHint: 'Dates and times are shown in it.',
    browserTimeZone: 'Your browser’s time zone ({{zone}})',
    role: 'Your role is {{role}}. Only an administrator can change it.',
    save: 'Save profile',
    saving: 'Saving…',
    saved: 'Saved',
  },
  password: {
    title: 'Password',
    intro: 'Changing your password signs you out in every other browser and on every other device. You stay signed in here.',
    current: 'Current password',
    new: 'New password',
    newHint: 'At least {{count}} characters.',
    submit: 'Change password',
    changing: 'Changing…',
    changed: 'Password changed. Every other browser and device signed in to your account has been signed out.',
    errors: {
      currentWrong: 'Your current password is not right. Nothing was changed.',
      tooWeak: 'The new password is too short: use at least {{count}} characters.',
    },
  },
} as const;

const es: Translation<typeof en> = {
  title: 'Tu cuenta',
  intro: 'Sesión iniciada como {{email}}, con el rol {{role}}.',
  profile: {
    title: 'Perfil',
    intro: 'Tu equipo ve tu nombre; el idioma y la zona horaria deciden cómo te muestra Switchboard los textos, las fechas y las horas.',
    name: 'Nombre',
    email: 'Correo electrónico',
    language: 'Idioma',
    browserLanguage: 'El idioma de tu navegador',
    timeZone: 'Zona horaria',
    timeZoneHint: 'Las fechas y horas se muestran en ella.',
    browserTimeZone: 'La zona horaria de tu navegador ({{zone}})',
    role: 'Tu rol es {{role}}. Solo un administrador puede cambiarlo.',
    save: 'Guardar el perfil',
    saving: 'Guardando…',
    saved: 'Guardado',
  },
  password: {
    title: 'Contraseña',
    intro: 'Al cambiar tu contraseña se cierra tu sesión en todos los demás navegadores y dispositivos. Aquí sigues con la sesión iniciada.',
    current: 'Contraseña actual',
    new: 'Contraseña nueva',
    newHint: 'Al menos {{count}} caracteres.',
    submit: 'Cambiar la contraseña',
    changing: 'Cambiando…',
    changed: 'Contraseña cambiada. Se cerró la sesión de tu cuenta en todos los demás navegadores y dispositivos.',
    errors: {
      currentWrong: 'Tu contraseña actual no es correcta. No se cambió nada.',
      tooWeak: 'La contraseña nueva es demasiado corta: usa al menos {{count}} caracteres.',
    },
  },
};

export const accountStrings = { en, es } as const;
