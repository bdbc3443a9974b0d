import { Plus } from 'lucide-react';
import { VisuallyHidden } from 'radix-ui';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import type { NodeLabel } from '../versions/node-label.ts';
import type { OutlinePort } from './outline-model.ts';
import styles from './OutlineView.module.css';

export interface PortRowProps {
  readonly port: OutlinePort;
  /** The steps a port may lead to (no trigger, not the step itself), in outline order. */
  readonly targets: readonly NodeLabel[];
  readonly readOnly: boolean;
  onTarget(targetId: string | null): void;
  onAddAfter(): void;
}

/**
 * "Assigned → Send message" with the port's two edits: where it goes (a select, shown on demand so
 * a 300-step flow does not carry 300 selects of 300 options) and a new step after it.
 */
export function PortRow({ port, targets, readOnly, onTarget, onAddAfter }: PortRowProps) {
  const { t } = useTranslation('outline');
  const id = useId();
  const [isEditing, setEditing] = useState(false);
  const changeButton = useRef<HTMLButtonElement>(null);
  const label = port.label === '' ? t('port.next') : port.label;
  const close = (returnFocus: boolean) => {
    setEditing(false);
    if (returnFocus) requestAnimationFrame(() => changeButton.current?.focus());
  };

  return (
    <li className={styles.port} data-unknown={port.isUnknown ? '' : undefined}>
      <span className={styles.portText}>
        <span className={styles.portName}>{port.isUnknown ? t('port.unknown', { port: label }) : label}</span>{' '}
        <span aria-hidden="true" className={styles.arrow}>
          →
        </span>
        <VisuallyHidden.Root>{t('port.goesTo')}</VisuallyHidden.Root>{' '}
        {port.target === undefined ? <span className={styles.nothing}>{t('port.nothing')}</span> : <strong>{port.target.title}</strong>}
      </span>
      {!readOnly && (
        <span className={styles.portActions}>
          {isEditing ? (
            <>
              <label htmlFor={`${id}-target`} className={styles.visuallyHidden}>
                {t('port.targetLabel', { port: label })}
              </label>
              <select
                id={`${id}-target`}
                className={`${forms.select} ${styles.targetSelect}`}
                // biome-ignore lint/a11y/noAutofocus: the select replaces the button the person just pressed.
                autoFocus
                value={port.edge?.to ?? ''}
                onChange={(event) => onTarget(event.target.value === '' ? null : event.target.value)}
                onBlur={() => close(false)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault();
                    event.stopPropagation();
                    close(true);
                  }
                }}
              >
                <option value="">{t('port.nothingOption')}</option>
                {port.isUnknown && port.target !== undefined && <option value={port.target.id}>{port.target.title}</option>}
                {!port.isUnknown &&
                  targets.map((target) => (
                    <option key={target.id} value={target.id}>
                      {target.title}
                    </option>
                  ))}
              </select>
            </>
          ) : (
            <button
              ref={changeButton}
              type="button"
              className={buttons.secondary}
              aria-label={t('port.changeLabel', { port: label })}
              onClick={() => setEditing(true)}
              disabled={port.name === undefined && !port.isUnknown && port.edge === undefined}
            >
              {t('port.change')}
            </button>
          )}
          {!port.isUnknown && port.name !== undefined && (
            <button type="button" className={buttons.secondary} aria-label={t('port.addAfterLabel', { port: label })} onClick={onAddAfter}>
              <Plus size={14} aria-hidden="true" />
              {t('port.addAfter')}
            </button>
          )}
        </span>
      )}
    </li>
  );
}
