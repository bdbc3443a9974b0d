import type { Translation } from '../i18n/translation.ts';

const en = {
  fields: {
    name: 'Name',
    email: 'Email',
    password: 'Password',
    language: 'Language',
    newPasswordHint: 'At least {{count}} characters. A few words you’ll remember make a strong one.',
  },
  errors: {
    passwordTooWeak: 'This password is too short: use at least {{count}} characters.',
  },
  signIn: {
    documentTitle: 'Sign in',
    title: 'Sign in to Switchboard',
    intro: 'Use the email and password of your Switchboard account.',
    introNext: 'Sign in to open the page you asked for.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    forgot: 'Forgot your password? Ask an administrator for a password reset link.',
    setupNeeded: 'Nobody has an account here yet. Open the setup link that Switchboard printed when it first started to create the first administrator.',
    setupLink: 'I have the setup link',
    errors: {
      failed: 'The email or password is not right. Check both and try again.',
      throttled: 'Too many sign-in attempts. Try again {{when}} (at {{time}}).',
      throttledSoon: 'Too many sign-in attempts. Wait a moment, then try again.',
      deactivated: 'This account has been deactivated. Ask an administrator to reactivate it.',
    },
  },
  setup: {
    documentTitle: 'Set up Switchboard',
    checking: 'Checking whether Switchboard is set up…',
    title: 'Set up Switchboard',
    intro: 'Create the first administrator account. You’ll invite everyone else from Settings.',
    languageHint: 'The language the app speaks to you. You can change it at any time.',
    submit: 'Create the administrator and sign in',
    submitting: 'Creating the account…',
    errors: {
      tokenInvalid:
        'This setup link isn’t valid. Copy the whole link that Switchboard printed in its terminal (it ends in #token= and a long code) and open it again.',
    },
    done: {
      title: 'Switchboard is already set up',
      body: 'An administrator account exists, so this link has no more use. Sign in with your account, or ask an administrator to invite you.',
      signIn: 'Go to sign in',
    },
    missingToken: {
      title: 'This setup link is incomplete',
      body: 'The link needs the code after #token= that Switchboard printed with it. Copy the whole link from the terminal and open it again.',
      where: 'It looks like http://127.0.0.1:3000/setup#token=… and is printed on the first start, while nobody has an account.',
    },
  },
  invite: {
    documentTitle: 'Choose your password',
    title: 'Choose your password',
    intro: 'You were invited to Switchboard, or asked for a new password. Choose the password you’ll sign in with; this link works once.',
    nameHint: 'Leave it empty to keep the name your administrator entered.',
    submit: 'Save the password and sign in',
    submitting: 'Saving…',
    haveAccount: 'Already set your password?',
    signIn: 'Sign in',
    missing: {
      title: 'This link is incomplete',
      body: 'An invite link ends in #token= and a long code. Copy the whole link you were sent and open it again.',
    },
    invalid: {
      title: 'This link no longer works',
      body: 'It was already used, it expired, or a newer link replaced it. Ask your administrator for a new one.',
    },
  },
} as const;

const es: Translation<typeof en> = {
  fields: {
    name: 'Nombre',
    email: 'Correo electrónico',
    password: 'Contraseña',
    language: 'Idioma',
    newPasswordHint: 'Al menos {{count}} caracteres. Unas cuantas palabras que puedas recordar forman una contraseña segura.',
  },
  errors: {
    passwordTooWeak: 'Esta contraseña es demasiado corta: usa al menos {{count}} caracteres.',
  },
  signIn: {
    documentTitle: 'Iniciar sesión',
    title: 'Inicia sesión en Switchboard',
    intro: 'Usa el correo y la contraseña de tu cuenta de Switchboard.',
    introNext: 'Inicia sesión para abrir la página que pediste.',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    forgot: '¿Olvidaste tu contraseña? Pídele a un administrador un enlace para restablecerla.',
    setupNeeded:
      'Todavía nadie tiene una cuenta aquí. Abre el enlace de configuración que Switchboard mostró en su primer arranque para crear el primer administrador.',
    setupLink: 'Tengo el enlace de configuración',
    errors: {
      failed: 'El correo o la contraseña no son correctos. Revisa ambos y vuelve a intentarlo.',
      throttled: 'Demasiados intentos de inicio de sesión. Vuelve a intentarlo {{when}} (a las {{time}}).',
      throttledSoon: 'Demasiados intentos de inicio de sesión. Espera un momento y vuelve a intentarlo.',
      deactivated: 'Esta cuenta está desactivada. Pídele a un administrador que la vuelva a activar.',
    },
  },
  setup: {
    documentTitle: 'Configurar Switchboard',
    checking: 'Comprobando si Switchboard ya está configurado…',
    title: 'Configura Switchboard',
    intro: 'Crea la primera cuenta de administrador. A las demás personas las invitarás desde la configuración.',
    languageHint: 'El idioma en que te habla la aplicación. Puedes cambiarlo cuando quieras.',
    submit: 'Crear el administrador e iniciar sesión',
    submitting: 'Creando la cuenta…',
    errors: {
      tokenInvalid:
        'Este enlace de configuración no es válido. Copia el enlace completo que Switchboard mostró en su terminal (termina en #token= y un código largo) y vuelve a abrirlo.',
    },
    done: {
      title: 'Switchboard ya está configurado',
      body: 'Ya existe una cuenta de administrador, así que este enlace ya no sirve. Inicia sesión con tu cuenta o pídele a un administrador que te invite.',
      signIn: 'Ir a iniciar sesión',
    },
    missingToken: {
      title: 'Este enlace de configuración está incompleto',
      body: 'El enlace necesita el código que va después de #token= y que Switchboard mostró con él. Copia el enlace completo desde la terminal y vuelve a abrirlo.',
      where: 'Tiene la forma http://127.0.0.1:3000/setup#token=… y se muestra en el primer arranque, mientras nadie tenga una cuenta.',
    },
  },
  invite: {
    documentTitle: 'Elige tu contraseña',
    title: 'Elige tu contraseña',
    intro: 'Te invitaron a Switchboard o pediste una contraseña nueva. Elige la contraseña con la que iniciarás sesión; este enlace funciona una sola vez.',
    nameHint: 'Déjalo vacío para conservar el nombre que escribió tu administrador.',
    submit: 'Guardar la contraseña e iniciar sesión',
    submitting: 'Guardando…',
    haveAccount: '¿Ya elegiste tu contraseña?',
    signIn: 'Iniciar sesión',
    missing: {
      title: 'Este enlace está incompleto',
      body: 'Un enlace de invitación termina en #token= y un código largo. Copia el enlace completo que te enviaron y vuelve a abrirlo.',
    },
    invalid: {
      title: 'Este enlace ya no funciona',
      body: 'Ya se usó, caducó o lo reemplazó uno más reciente. Pídele uno nuevo a tu administrador.',
    },
  },
};

export const signInStrings = { en, es } as const;
