import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { minPasswordLength, type Problem } from './form-checks.ts';

/** The words for a field's problem, or undefined when it has none (what Field's `error` takes). */
export function useProblemText(): (problem: Problem | undefined) => string | undefined {
  const { t } = useTranslation('ui');
  return useCallback(
    (problem) => {
      switch (problem) {
        case undefined:
          return undefined;
        case 'required':
          return t('form.required');
        case 'invalidEmail':
          return t('form.invalidEmail');
        case 'passwordTooShort':
          return t('form.passwordTooShort', { count: minPasswordLength });
      }
    },
    [t],
  );
}
