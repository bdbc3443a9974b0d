import i18next, { type i18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { languageStorageKey, languages } from './languages.ts';
import { namespaces, resources } from './resources.ts';

/**
 * The app's i18next instance: the language the person chose in this browser, else the first of
 * the browser's languages the app speaks (`es-MX` gives `es`), else English. Every catalogue is
 * bundled, so the first render is already in the right language. Dates and numbers in strings
 * (`{{time, datetime}}`) go through Intl in the current language.
 */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      ns: namespaces,
      defaultNS: 'shell',
      fallbackLng: 'en',
      supportedLngs: languages.map((language) => language.code),
      load: 'languageOnly',
      // The choice is stored when the person makes it (useLanguage), not whatever was detected:
      // a browser whose language changes later is followed until the person picks one.
      detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: languageStorageKey, caches: [] },
      // React escapes what it renders.
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  const markDocument = (language: string): void => {
    document.documentElement.lang = language;
  };
  markDocument(instance.resolvedLanguage ?? 'en');
  instance.on('languageChanged', () => markDocument(instance.resolvedLanguage ?? 'en'));
  return instance;
}
