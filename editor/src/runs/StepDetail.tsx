import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema.d.ts';
import buttons from '../ui/buttons.module.css';
import table from '../ui/table.module.css';
import { TimeAgo } from '../ui/TimeAgo.tsx';
import { formatDuration } from './run-format.ts';
import styles from './runs.module.css';

type Step = components['schemas']['Step'];

/** What one step did: its port, attempt and timing, its input, output and error as JSON, and why it chose (contract C). */
export function StepDetail({ step }: { readonly step: Step }) {
  const { t } = useTranslation('runs');
  return (
    <article className={styles.stepDetail} aria-labelledby="step-title">
      <h3 id="step-title">{t('step.title', { node: step.nodeId })}</h3>
      <dl className={styles.facts}>
        <div>
          <dt>{t('step.type')}</dt>
          <dd>
            <code>{step.nodeType}</code>
          </dd>
        </div>
        <div>
          <dt>{t('step.status')}</dt>
          <dd>{t(`step.statuses.${step.status}`)}</dd>
        </div>
        <div>
          <dt>{t('step.port')}</dt>
          <dd>{step.port ?? t('step.noPort')}</dd>
        </div>
        <div>
          <dt>{t('step.attempt')}</dt>
          <dd>{step.attempt}</dd>
        </div>
        <div>
          <dt>{t('step.visit')}</dt>
          <dd>{step.visit}</dd>
        </div>
        <div>
          <dt>{t('step.started')}</dt>
          <dd>
            <TimeAgo value={step.startedAt} />
          </dd>
        </div>
        {step.durationMs !== null && (
          <div>
            <dt>{t('step.duration')}</dt>
            <dd>{formatDuration(step.durationMs)}</dd>
          </div>
        )}
      </dl>
      {step.explanation !== null && (
        <section className={styles.why} aria-labelledby="why-title">
          <h4 id="why-title">{t('step.why')}</h4>
          <p>{step.explanation.text}</p>
          {step.explanation.rows.length > 0 && (
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col">{t('step.whyName')}</th>
                  <th scope="col">{t('step.whyOutcome')}</th>
                  <th scope="col">{t('step.whyReason')}</th>
                </tr>
              </thead>
              <tbody>
                {step.explanation.rows.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in the order the node gave them, and a name may repeat.
                  <tr key={index} data-outcome={row.outcome}>
                    <td>{row.name}</td>
                    <td>{t(`step.outcome.${row.outcome}`)}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {step.error !== null && <JsonBlock label={t('step.error')} value={step.error} />}
      <JsonBlock label={t('step.input')} value={step.input} />
      <JsonBlock label={t('step.output')} value={step.output} />
    </article>
  );
}

function JsonBlock({ label, value }: { readonly label: string; readonly value: unknown }) {
  const { t } = useTranslation('runs');
  const [copied, setCopied] = useState(false);
  const text = JSON.stringify(value ?? null, null, 2);
  return (
    <section className={styles.json}>
      <div className={styles.jsonHead}>
        <h4>{label}</h4>
        <button
          type="button"
          className={`${buttons.button} ${buttons.secondary}`}
          aria-label={t('step.copyLabel', { what: label })}
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? t('step.copied') : t('step.copy')}
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long JSON block scrolls, and keyboard users need to reach it. */}
      <pre tabIndex={0}>{text}</pre>
    </section>
  );
}
