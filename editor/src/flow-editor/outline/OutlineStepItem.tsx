import { Pencil, Settings2, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.tsx';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import type { NodeProblem } from '../document/flow-store.ts';
import type { NodeLabel } from '../versions/node-label.ts';
import type { OutlinePort, OutlineStep } from './outline-model.ts';
import styles from './OutlineView.module.css';
import { PortRow } from './PortRow.tsx';

export interface OutlineStepItemProps {
  readonly step: OutlineStep;
  /** The id its heading carries, so the outline can move the focus to it. */
  readonly headingId: string;
  readonly problems: readonly NodeProblem[];
  readonly targets: readonly NodeLabel[];
  readonly readOnly: boolean;
  onTarget(port: OutlinePort, targetId: string | null): void;
  onAddAfter(port: OutlinePort): void;
  onRename(name: string): void;
  onRemove(): void;
  onOpenSettings(): void;
}

/** One step of the outline: its name and type, its problems, each port and where it goes, and its edits. */
export function OutlineStepItem({
  step,
  headingId,
  problems,
  targets,
  readOnly,
  onTarget,
  onAddAfter,
  onRename,
  onRemove,
  onOpenSettings,
}: OutlineStepItemProps) {
  const { t } = useTranslation('outline');
  const id = useId();
  const [isRenaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const stepTargets = targets.filter((target) => target.id !== step.node.id);
  const { title } = step.label;

  const stopRenaming = () => {
    setRenaming(false);
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const submitRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = new FormData(event.currentTarget).get('name');
    onRename(typeof input === 'string' ? input : '');
    stopRenaming();
  };

  return (
    <li className={styles.step} data-trigger={step.isTrigger ? '' : undefined}>
      <div className={styles.stepHead}>
        <h4 id={headingId} tabIndex={-1} className={styles.stepTitle}>
          {title}
        </h4>
        {step.label.isNamed && <span className={styles.stepType}>{step.label.typeTitle}</span>}
        {problems.length > 0 && <Badge tone="danger">{t('step.problems', { count: problems.length })}</Badge>}
      </div>
      {problems.length > 0 && (
        <ul className={styles.problems} aria-label={t('step.problemsOf', { name: title })}>
          {problems.map((problem) => (
            <li key={`${problem.code}${problem.field}${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      {step.ports.length === 0 ? (
        <p className={styles.muted}>{t('step.noOutputs')}</p>
      ) : (
        <ul className={styles.ports} aria-label={t('step.portsOf', { name: title })}>
          {step.ports.map((port) => (
            <PortRow
              key={`${port.name ?? ''}>${port.isUnknown ? (port.edge?.to ?? '') : ''}`}
              port={port}
              targets={stepTargets}
              readOnly={readOnly}
              onTarget={(targetId) => onTarget(port, targetId)}
              onAddAfter={() => onAddAfter(port)}
            />
          ))}
        </ul>
      )}
      {isRenaming ? (
        <form className={styles.rename} onSubmit={submitRename}>
          <label className={forms.label} htmlFor={`${id}-name`}>
            {t('step.nameLabel')}
          </label>
          <div className={styles.renameRow}>
            <input
              id={`${id}-name`}
              name="name"
              className={forms.input}
              defaultValue={step.node.name ?? ''}
              placeholder={step.label.typeTitle}
              maxLength={200}
              // biome-ignore lint/a11y/noAutofocus: the field replaces the Rename button the person just pressed.
              autoFocus
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  stopRenaming();
                }
              }}
            />
            <button type="submit" className={buttons.primary}>
              {t('step.saveName')}
            </button>
            <button type="button" className={buttons.secondary} onClick={stopRenaming}>
              {t('step.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className={styles.stepActions}>
          <button type="button" className={buttons.secondary} aria-label={t('step.openSettingsLabel', { name: title })} onClick={onOpenSettings}>
            <Settings2 size={14} aria-hidden="true" />
            {t('step.openSettings')}
          </button>
          {!readOnly && (
            <>
              <button
                ref={renameButton}
                type="button"
                className={buttons.secondary}
                aria-label={t('step.renameLabel', { name: title })}
                onClick={() => setRenaming(true)}
              >
                <Pencil size={14} aria-hidden="true" />
                {t('step.rename')}
              </button>
              <button type="button" className={buttons.secondary} aria-label={t('step.removeLabel', { name: title })} onClick={onRemove}>
                <Trash2 size={14} aria-hidden="true" />
                {t('step.remove')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
