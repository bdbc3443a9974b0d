import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languageStorageKey } from './languages.ts';

export interface LanguageChoice {
  readonly language: Language;
  /** Shows the app in `language` at once and remembers the choice in this browser. */
  setLanguage(language: Language): void;
  /** Forgets this browser's choice: the app speaks the first of the browser's languages it knows. */
  followBrowser(): void;
}

/** The language the app shows, and the person's choice of another. */
export function useLanguage(): LanguageChoice {
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
  const followBrowser = useCallback(() => {
    try {
      localStorage.removeItem(languageStorageKey);
    } catch {
      // As above: nothing was stored then.
    }
    // No language: i18next asks its detector again, which now finds only the browser's.
    void i18n.changeLanguage();
  }, [i18n]);
  return { language, setLanguage, followBrowser };
}
