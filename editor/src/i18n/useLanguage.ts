import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languageStorageKey } from './languages.ts';

/** The language the app shows, and the person's choice of another, remembered in this browser. */
export function useLanguage(): { readonly language: Language; setLanguage(language: Language): void } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const setLanguage = useCallback(
    (next: Language) => {
      try {
        localStorage.setItem(languageStorageKey, next);
      } catch {
        // Storage can be off (a private window, a policy); the switch still works for this visit.
      }
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return { language, setLanguage };
}
