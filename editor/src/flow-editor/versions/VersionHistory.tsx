import { useQuery } from '@tanstack/react-query';
import { Eye } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../../api/useApiClient.ts';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import forms from '../../ui/forms.module.css';
import type { FlowDefinition } from '../document/flow-store.ts';
import { useNodeTypes } from '../node-types.ts';
import type { CanvasMarks } from './canvas-marks.ts';
import { DiffView } from './DiffView.tsx';
import { diffDefinitions, isEmptyDiff, marksOf } from './definition-diff.ts';
import { diffEntries } from './diff-entries.ts';
import { RestoreDialog } from './RestoreDialog.tsx';
import type { RevisionConflict, WorkflowDraft } from './useRestoreVersion.ts';
import { useDiffWords } from './useDiffWords.ts';
import { shorten } from './value-text.ts';
import styles from './VersionHistory.module.css';
import { VersionList } from './VersionList.tsx';
import { type WorkflowVersion, versionsQuery } from './versions-query.ts';

export interface VersionHistoryProps {
  readonly workflowId: string;
  /** The draft's revision now: a restore is sent over it (If-Match). */
  readonly revision: number;
  /** The draft as the editor has it now, saved or not. */
  readonly draft: FlowDefinition;
  /** The version new runs start on, marked in the list and compared by default. */
  readonly activeVersion?: number | null;
  /** Hides "Restore as draft" (a viewer, an archived flow). */
  readonly readOnly?: boolean;
  /** The diff to draw on the canvas (which shows the draft), or null to draw none. Called with null when the panel closes. */
  onShowDiff(marks: CanvasMarks | null): void;
  /** A version is now the draft; `draft` is the server's answer with its new revision. */
  onRestored(draft: WorkflowDraft, version: number): void;
  /** A restore was refused because someone saved since; reloading is the caller's. */
  onConflict?(conflict: RevisionConflict): void;
}

type Side = 'draft' | number;

/**
 * The version history panel: every published version with its note, author and time; a diff of
 * any two (or a version and the draft), listed and drawn on the canvas; "restore as draft".
 */
export function VersionHistory({ workflowId, revision, draft, activeVersion, readOnly = false, onShowDiff, onRestored, onConflict }: VersionHistoryProps) {
  const { t } = useTranslation('versions');
  const api = useApiClient();
  const versions = useQuery(versionsQuery(api, workflowId));
  const nodeTypes = useNodeTypes();
  const words = useDiffWords();
  const id = useId();
  const diffHeading = useRef<HTMLHeadingElement>(null);

  const [chosenFrom, setFrom] = useState<Side | undefined>();
  const [to, setTo] = useState<Side>('draft');
  const [isShown, setShown] = useState(false);
  const [restoring, setRestoring] = useState<WorkflowVersion | undefined>();
  const [announcement, setAnnouncement] = useState('');

  const list = versions.data ?? [];
  const defaultFrom = list.find((version) => version.version === activeVersion)?.version ?? list[0]?.version;
  const from: Side | undefined = chosenFrom ?? defaultFrom;

  const definitionOf = (side: Side | undefined): FlowDefinition | undefined =>
    side === 'draft' ? draft : (list.find((version) => version.version === side)?.definition as FlowDefinition | undefined);
  const before = definitionOf(from);
  const after = definitionOf(to);

  const diff = useMemo(() => (before === undefined || after === undefined ? undefined : diffDefinitions(before, after)), [before, after]);
  const entries = useMemo(
    () =>
      diff === undefined || before === undefined || after === undefined ? undefined : diffEntries(diff, before, after, { ...words, nodeTypes: nodeTypes.data }),
    [diff, before, after, words, nodeTypes.data],
  );

  // The canvas shows the draft, so only a diff whose "after" is the draft can be drawn on it.
  const canShow = to === 'draft' && from !== 'draft';
  const marks = useMemo(
    () => (isShown && canShow && diff !== undefined && before !== undefined ? marksOf(diff, before) : null),
    [isShown, canShow, diff, before],
  );
  // The callback's identity may change on every render of the caller; the marks alone decide.
  const showDiff = useRef(onShowDiff);
  useEffect(() => {
    showDiff.current = onShowDiff;
  });
  useEffect(() => {
    showDiff.current(marks);
  }, [marks]);
  useEffect(() => () => showDiff.current(null), []);

  // One sentence per case: Spanish contracts "a el borrador" to "al borrador".
  const heading =
    from === to
      ? t('compare.legend')
      : to === 'draft'
        ? t('diff.headingToDraft', { from: from ?? '' })
        : from === 'draft'
          ? t('diff.headingFromDraft', { to })
          : t('diff.heading', { from: from ?? '', to });
  const optionLabel = (version: WorkflowVersion) =>
    version.note === null || version.note.trim() === ''
      ? t('compare.version', { number: version.version })
      : t('compare.versionWithNote', { number: version.version, note: shorten(version.note, 40) });

  const compareWithDraft = (version: number) => {
    setFrom(version);
    setTo('draft');
    diffHeading.current?.focus();
  };

  const sideValue = (side: Side | undefined) => (side === undefined ? '' : String(side));
  const parseSide = (value: string): Side => (value === 'draft' ? 'draft' : Number(value));

  return (
    <div className={styles.history}>
      <p className={styles.intro}>{t('intro')}</p>
      {versions.isPending && (
        <p role="status" className={styles.muted}>
          {t('loading')}
        </p>
      )}
      {versions.isError && <FormError error={versions.error} />}
      {versions.isSuccess && list.length === 0 && <p className={styles.empty}>{t('empty')}</p>}

      {list.length > 0 && (
        <>
          <fieldset className={styles.compare}>
            <legend className={styles.sectionTitle}>{t('compare.legend')}</legend>
            <div className={styles.compareFields}>
              <div className={forms.field}>
                <label className={forms.label} htmlFor={`${id}-from`}>
                  {t('compare.from')}
                </label>
                <select id={`${id}-from`} className={forms.select} value={sideValue(from)} onChange={(event) => setFrom(parseSide(event.target.value))}>
                  {list.map((version) => (
                    <option key={version.version} value={String(version.version)}>
                      {optionLabel(version)}
                    </option>
                  ))}
                  <option value="draft">{t('compare.draft')}</option>
                </select>
              </div>
              <div className={forms.field}>
                <label className={forms.label} htmlFor={`${id}-to`}>
                  {t('compare.to')}
                </label>
                <select id={`${id}-to`} className={forms.select} value={sideValue(to)} onChange={(event) => setTo(parseSide(event.target.value))}>
                  <option value="draft">{t('compare.draft')}</option>
                  {list.map((version) => (
                    <option key={version.version} value={String(version.version)}>
                      {optionLabel(version)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>

          <section className={styles.diffPanel} aria-labelledby={`${id}-diff`}>
            <div className={styles.diffHead}>
              <h3 id={`${id}-diff`} ref={diffHeading} tabIndex={-1} className={styles.sectionTitle}>
                {heading}
              </h3>
              {canShow && diff !== undefined && !isEmptyDiff(diff) && (
                <button type="button" className={buttons.secondary} aria-pressed={isShown} onClick={() => setShown((shown) => !shown)}>
                  <Eye size={16} aria-hidden="true" />
                  {t('compare.showOnCanvas')}
                </button>
              )}
            </div>
            {!canShow && from !== to && <p className={styles.hint}>{t('compare.canvasOnlyDraft')}</p>}
            {from === to ? (
              <p className={styles.muted}>{t('compare.same')}</p>
            ) : diff !== undefined && isEmptyDiff(diff, { includeMoves: true }) ? (
              <p className={styles.muted}>{t('diff.none')}</p>
            ) : (
              entries !== undefined && <DiffView entries={entries} />
            )}
            {nodeTypes.isPending && <p className={styles.hint}>{t('diff.loadingTypes')}</p>}
          </section>

          <VersionList versions={list} activeVersion={activeVersion} readOnly={readOnly} onCompare={compareWithDraft} onRestore={setRestoring} />
        </>
      )}

      <p role="status" className={`${forms.success} ${styles.announcement}`}>
        {announcement}
      </p>
      {restoring !== undefined && (
        <RestoreDialog
          workflowId={workflowId}
          version={restoring.version}
          revision={revision}
          onClose={() => setRestoring(undefined)}
          onRestored={(restored, number) => {
            setAnnouncement(t('restore.restored', { number }));
            onRestored(restored, number);
          }}
          {...(onConflict === undefined ? {} : { onConflict })}
        />
      )}
    </div>
  );
}
