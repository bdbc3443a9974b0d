import 'i18next';
import type { resources } from './resources.ts';

// Keys are typed from the English catalogue: `t('nav.flows')` compiles, a misspelt key does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'shell';
    resources: (typeof resources)['en'];
  }
}
