import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Settings',
  intro: 'Who may use this Switchboard, and how.',
  willDo: {
    people: 'Invite people with a role (admin, editor, agent or viewer), change their role and deactivate them.',
    tokens: 'Create, list and revoke API tokens for scripts and integrations; a new token is shown once.',
    profile: 'Change your name, password and language.',
  },
  comes: 'With sign-in and roles, the next part of this release.',
  today:
    'The API is used with an admin token: the first start printed it and stored it in <code>.data/admin-token</code>. Send it as <code>Authorization: Bearer &lt;token&gt;</code>. The language switch in this app works already.',
} as const;

const es: Translation<typeof en> = {
  title: 'Configuración',
  intro: 'Quién puede usar este Switchboard y cómo.',
  willDo: {
    people: 'Invitar a personas con un rol (administrador, editor, agente o lector), cambiar su rol y desactivarlas.',
    tokens: 'Crear, listar y revocar tokens de API para scripts e integraciones; cada token nuevo se muestra una sola vez.',
    profile: 'Cambiar tu nombre, tu contraseña y tu idioma.',
  },
  comes: 'Con el inicio de sesión y los roles, la próxima parte de esta versión.',
  today:
    'La API se usa con un token de administrador: el primer arranque lo mostró y lo guardó en <code>.data/admin-token</code>. Envíalo como <code>Authorization: Bearer &lt;token&gt;</code>. El selector de idioma de esta aplicación ya funciona.',
};

export const settingsStrings = { en, es } as const;
