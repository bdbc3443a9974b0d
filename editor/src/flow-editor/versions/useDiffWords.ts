import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import type { DiffEntryOptions } from './diff-entries.ts';

/** The words and titles a diff is read with, in the person's language. */
export function useDiffWords(): Omit<DiffEntryOptions, 'nodeTypes'> {
  const { t } = useTranslation('versions');
  const format = useFormat();
  return useMemo(
    () => ({
      words: {
        notSet: t('values.notSet'),
        empty: t('values.empty'),
        yes: t('values.yes'),
        no: t('values.no'),
        items: (count: number) => t('values.items', { count }),
        number: (value: number) => format.number(value),
      },
      // The definition's settings have no titles of their own (definition.schema.json is the engine's).
      settingsSchema: {
        type: 'object',
        properties: {
          reentry: {
            title: t('settings.reentry'),
            enum: ['ignore', 'restart', 'parallel'],
            'x-enumNames': [t('settings.reentryIgnore'), t('settings.reentryRestart'), t('settings.reentryParallel')],
          },
          maxSteps: { title: t('settings.maxSteps') },
          retentionDays: { title: t('settings.retentionDays') },
        },
      },
      nodeSchema: { type: 'object', properties: { timeoutMs: { title: t('settings.timeoutMs') } } },
    }),
    [t, format],
  );
}
