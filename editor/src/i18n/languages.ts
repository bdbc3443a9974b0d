/** The languages the app speaks. Each is named in itself, so a person finds theirs whatever the app shows now. */
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;

export type Language = (typeof languages)[number]['code'];

/** Where the person's choice is kept in this browser, until it is kept with their account. */
export const languageStorageKey = 'switchboard.language';

export function isLanguage(value: string | undefined): value is Language {
  return languages.some((language) => language.code === value);
}
