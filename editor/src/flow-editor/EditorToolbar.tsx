import type { UseMutationResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft, FlaskConical, History, ListChecks, ListTree, OctagonX, Rocket, TriangleAlert } from 'lucide-react';
import type { LiveWindow } from '../api/pending-api.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../ui/Badge.tsx';
import buttons from '../ui/buttons.module.css';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useFlow } from './document/flow-store.ts';
import styles from './EditorToolbar.module.css';
import type { WorkflowMeta } from './FlowEditorScreen.tsx';
import { LiveWindowPicker } from './live/LiveWindowPicker.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { PresenceList } from './saving/PresenceList.tsx';
import { SaveStatus } from './saving/SaveStatus.tsx';
import type { DraftSaving } from './saving/useDraftSaving.ts';
import type { Viewer } from './saving/usePresence.ts';
import type { PanelName } from './SidePanel.tsx';

export interface EditorToolbarProps {
  readonly meta: WorkflowMeta;
  readonly readOnly: boolean;
  readonly saving: DraftSaving;
  readonly viewers: readonly Viewer[];
  readonly panel: PanelName | null;
  onPanel(panel: PanelName | null): void;
  onResolveConflict(): void;
  readonly publish: UseMutationResult<unknown, Error, string>;
  readonly stop: UseMutationResult<unknown, Error, void>;
  /** The live counts' window, shown for a published flow; undefined hides the control. */
  readonly liveWindow: LiveWindow | undefined;
  onLiveWindow(window: LiveWindow): void;
  /** Whether a test chat is running (the Test button says so). */
  readonly isTesting: boolean;
}

/**
 * The editor's header: where you are (back to flows, the flow's name, its status and version),
 * whether your work is saved, who else is here, and what you can do (the side panels, stop,
 * publish; undo and redo sit on the canvas's own toolbar).
 */
export function EditorToolbar({
  meta,
  readOnly,
  saving,
  viewers,
  panel,
  onPanel,
  onResolveConflict,
  publish,
  stop,
  liveWindow,
  onLiveWindow,
  isTesting,
}: EditorToolbarProps) {
  const { t } = useTranslation('flowEditor');
  const problemCount = useFlow((state) => {
    let count = state.documentProblems.length;
    for (const list of state.problemsByNode.values()) count += list.length;
    return count;
  });
  const [publishing, setPublishing] = useState(false);
  const [stopping, setStopping] = useState(false);

  const status =
    meta.archivedAt !== null
      ? { tone: 'neutral' as const, text: t('status.archived') }
      : meta.status === 'draft'
        ? { tone: 'neutral' as const, text: t('status.draft') }
        : meta.status === 'stopped'
          ? { tone: 'warning' as const, text: t('status.stopped') }
          : meta.hasUnpublishedChanges
            ? { tone: 'primary' as const, text: t('status.activeChanged') }
            : { tone: 'ok' as const, text: t('status.active') };

  const toggle = (name: PanelName) => onPanel(panel === name ? null : name);

  return (
    <header className={styles.toolbar}>
      <Link to="/flows" className={styles.back} aria-label={t('backToFlows')} title={t('backToFlows')}>
        <ArrowLeft size={18} aria-hidden="true" />
      </Link>
      <div className={styles.identity}>
        <FlowName readOnly={readOnly} />
        <div className={styles.meta}>
          <Badge tone={status.tone}>{status.text}</Badge>
          {meta.activeVersion !== null && <span className={styles.version}>{t('status.version', { version: meta.activeVersion })}</span>}
          {!readOnly && <SaveStatus state={saving.state} onRetry={() => saving.saver.retryNow()} onResolve={onResolveConflict} />}
        </div>
      </div>
      <PresenceList viewers={viewers} />
      <div className={styles.actions}>
        {liveWindow !== undefined && <LiveWindowPicker value={liveWindow} onChange={onLiveWindow} />}
        <div className={styles.group}>
          <button
            type="button"
            className={`${styles.panelButton} ${problemCount > 0 ? styles.hasProblems : ''}`}
            aria-pressed={panel === 'problems'}
            onClick={() => toggle('problems')}
            title={t('actions.problems')}
          >
            <TriangleAlert size={16} aria-hidden="true" />
            <span className={styles.panelLabel}>{t('actions.problems')}</span>
            <span className={styles.count} data-testid="problem-count">
              {problemCount}
            </span>
          </button>
          <button
            type="button"
            className={styles.panelButton}
            aria-pressed={panel === 'outline'}
            onClick={() => toggle('outline')}
            title={t('actions.outline')}
          >
            <ListTree size={16} aria-hidden="true" />
            <span className={styles.panelLabel}>{t('actions.outline')}</span>
          </button>
          <button
            type="button"
            className={styles.panelButton}
            aria-pressed={panel === 'versions'}
            onClick={() => toggle('versions')}
            title={t('actions.history')}
          >
            <History size={16} aria-hidden="true" />
            <span className={styles.panelLabel}>{t('actions.history')}</span>
          </button>
          <Link to="/runs" search={{ flow: meta.id }} className={styles.panelButton} title={t('actions.runs')}>
            <ListChecks size={16} aria-hidden="true" />
            <span className={styles.panelLabel}>{t('actions.runs')}</span>
          </Link>
        </div>
        {!readOnly && (
          <button
            type="button"
            className={`${buttons.button} ${buttons.secondary}`}
            aria-pressed={panel === 'test'}
            onClick={() => toggle('test')}
            data-testid="test-button"
          >
            <FlaskConical size={16} aria-hidden="true" />
            {isTesting ? t('actions.testing') : t('actions.test')}
          </button>
        )}
        {!readOnly && meta.status === 'active' && (
          <button type="button" className={`${buttons.button} ${buttons.secondary}`} onClick={() => setStopping(true)}>
            <OctagonX size={16} aria-hidden="true" />
            {t('actions.stop')}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className={`${buttons.button} ${buttons.primary}`}
            onClick={() => {
              publish.reset();
              setPublishing(true);
            }}
          >
            <Rocket size={16} aria-hidden="true" />
            {t('actions.publish')}
          </button>
        )}
      </div>
      <PublishDialog
        open={publishing}
        onOpenChange={setPublishing}
        pending={publish.isPending}
        error={publish.error instanceof Error && !isBlocked(publish.error) ? publish.error : null}
        onPublish={(note) =>
          publish.mutate(note, {
            onSuccess: () => setPublishing(false),
            onError: (error) => {
              if (isBlocked(error)) setPublishing(false);
            },
          })
        }
      />
      <ConfirmDialog
        open={stopping}
        onOpenChange={setStopping}
        title={t('stop.title')}
        description={t('stop.body')}
        confirm={t('stop.confirm')}
        isDestructive
        isPending={stop.isPending}
        error={stop.error}
        onConfirm={() => stop.mutate(undefined, { onSuccess: () => setStopping(false) })}
      />
    </header>
  );
}

/** A publish refused for the flow's problems: the problems panel says why, not the dialog. */
function isBlocked(error: Error): boolean {
  return 'status' in error && (error as { status: number }).status === 422;
}

/**
 * The flow's name, edited in place. The name lives in the definition, so a rename is an edit
 * like any other: undoable, autosaved. An empty name is not applied (the server needs one).
 */
function FlowName({ readOnly }: { readonly readOnly: boolean }) {
  const { t } = useTranslation('flowEditor');
  const name = useFlow((state) => state.definition.name);
  const change = useFlow((state) => state.change);
  const [value, setValue] = useState(name);
  const [empty, setEmpty] = useState(false);
  useEffect(() => setValue(name), [name]);
  const commit = (event?: FormEvent): void => {
    event?.preventDefault();
    const next = value.trim();
    if (next === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    if (next !== name)
      change(t('name.label'), (draft) => {
        draft.name = next;
      });
  };
  if (readOnly) return <h1 className={styles.nameText}>{name}</h1>;
  return (
    <form onSubmit={commit} className={styles.nameForm}>
      <h1 className={styles.visuallyHidden}>{name}</h1>
      <input
        className={styles.name}
        aria-label={t('name.label')}
        value={value}
        maxLength={200}
        aria-invalid={empty}
        aria-describedby={empty ? 'flow-name-error' : undefined}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => commit()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setValue(name);
            setEmpty(false);
            event.currentTarget.blur();
          }
        }}
      />
      {empty && (
        <span id="flow-name-error" className={styles.nameError} role="alert">
          {t('name.empty')}
        </span>
      )}
    </form>
  );
}
