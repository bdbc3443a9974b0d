import { CircleAlert, Eye, TriangleAlert } from 'lucide-react';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateScope } from '../template-scope.ts';
import styles from './template-field.module.css';
import { hasTemplate, renderPreview } from './template-preview.ts';

/**
 * Under a template field: the template rendered over the step's sample data (the schemas'
 * examples) as a run would render it, or what stops it rendering, and the names it reads that
 * this step does not have. Plain text without `{{ }}` needs no preview.
 */
export function TemplatePreview({ id, template, scope }: { readonly id: string; readonly template: string; readonly scope: TemplateScope | undefined }) {
  const { t } = useTranslation('flowConfig');
  const deferred = useDeferredValue(template);
  const result = useMemo(() => (hasTemplate(deferred) ? renderPreview(deferred, scope) : undefined), [deferred, scope]);
  if (result === undefined) return null;
  return (
    <section id={id} className={styles.preview} aria-label={t('template.previewLabel')}>
      <p className={styles.previewTitle}>
        <Eye size={14} aria-hidden="true" />
        {t('template.previewTitle')}
      </p>
      {result.ok ? (
        <>
          <p className={styles.previewText}>{result.text === '' ? <span className={styles.previewEmpty}>{t('template.previewEmpty')}</span> : result.text}</p>
          {result.unknown.length > 0 && (
            <p className={styles.previewWarning}>
              <TriangleAlert size={14} aria-hidden="true" />
              <span>{t('template.unknownNames', { names: result.unknown.join(', '), count: result.unknown.length })}</span>
            </p>
          )}
        </>
      ) : (
        <p className={styles.previewError}>
          <CircleAlert size={14} aria-hidden="true" />
          <span>{t('template.renderError', { message: result.message })}</span>
        </p>
      )}
    </section>
  );
}
