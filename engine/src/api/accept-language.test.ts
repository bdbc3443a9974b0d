import { describe, expect, it } from 'vitest';
import { languagePreferences, pickLanguage } from './accept-language.ts';

describe('languagePreferences', () => {
  it('orders ranges by weight, keeping the order of equal ones, and drops weight 0 and malformed entries', () => {
    expect(languagePreferences('en;q=0.5, es-MX, fr;q=0, es;q=0.9, de')).toEqual(['es-MX', 'de', 'es', 'en']);
    expect(languagePreferences('es;q=abc, <script>, en-US;q=1.5, *;q=0.1, pt-BR')).toEqual(['pt-BR', '*']);
    expect(languagePreferences(undefined)).toEqual([]);
    expect(languagePreferences('')).toEqual([]);
  });
});

describe('pickLanguage', () => {
  it('takes the tag itself, whatever its case', () => {
    expect(pickLanguage(['ES'], ['en', 'es'])).toBe('es');
    expect(pickLanguage(['pt-br'], ['en', 'pt-BR'])).toBe('pt-BR');
  });

  it('takes a tag under a plain range, and the language of a regional range', () => {
    expect(pickLanguage(['es'], ['en', 'es-419'])).toBe('es-419');
    expect(pickLanguage(['es-MX'], ['en', 'es'])).toBe('es');
    expect(pickLanguage(['es-MX'], ['en', 'es-ES'])).toBe('es-ES');
    expect(pickLanguage(['es-MX'], ['es-ES', 'es-MX'])).toBe('es-MX');
  });

  it('lets a less preferred language win only when nothing of a more preferred one is there', () => {
    expect(pickLanguage(['fr-CA', 'es'], ['en', 'es', 'fr-FR'])).toBe('fr-FR');
    expect(pickLanguage(['fr', 'es', 'en'], ['en', 'es'])).toBe('es');
  });

  it('takes the first available for *, and nothing when no range fits', () => {
    expect(pickLanguage(['fr', '*'], ['en', 'es'])).toBe('en');
    expect(pickLanguage(['fr', 'de'], ['en', 'es'])).toBeUndefined();
    expect(pickLanguage([], ['en', 'es'])).toBeUndefined();
  });
});
