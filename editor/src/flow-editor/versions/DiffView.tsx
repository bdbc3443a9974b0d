import { VisuallyHidden } from 'radix-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionEntry, DiffEntries, FieldLine } from './diff-entries.ts';
import type { FieldPathSegment } from './field-path.ts';
import type { NodeLabel } from './node-label.ts';
import styles from './VersionHistory.module.css';

/** A diff as lists a person reads: what the flow, its steps and its connections gained, lost and changed. */
export function DiffView({ entries }: { readonly entries: DiffEntries }) {
  const { t } = useTranslation('versions');
  const flowLines = [
    ...(entries.name === undefined ? [] : [{ key: 'name', label: t('diff.name'), before: entries.name.before, after: entries.name.after }]),
    ...(entries.description === undefined
      ? []
      : [{ key: 'description', label: t('diff.description'), before: entries.description.before, after: entries.description.after }]),
  ];
  const others: string[] = [];
  if (entries.notes.added > 0) others.push(t('diff.notesAdded', { count: entries.notes.added }));
  if (entries.notes.removed > 0) others.push(t('diff.notesRemoved', { count: entries.notes.removed }));
  if (entries.notes.changed > 0) others.push(t('diff.notesChanged', { count: entries.notes.changed }));
  if (entries.moved > 0) others.push(t('diff.moved', { count: entries.moved }));

  return (
    <div className={styles.diff}>
      {(flowLines.length > 0 || entries.settings.length > 0) && (
        <DiffSection title={t('diff.flow')} count={flowLines.length + entries.settings.length}>
          {flowLines.map((line) => (
            <li key={line.key} className={styles.fieldLine}>
              <span className={styles.fieldName}>{line.label}: </span>
              <Change before={line.before} after={line.after} />
            </li>
          ))}
          {entries.settings.map((line) => (
            <FieldItem key={`settings${line.pointer}`} line={line} />
          ))}
        </DiffSection>
      )}
      {entries.added.length > 0 && (
        <DiffSection title={t('diff.added')} count={entries.added.length} tone="added">
          {entries.added.map((node) => (
            <li key={node.id}>
              <NodeTitle node={node} />
            </li>
          ))}
        </DiffSection>
      )}
      {entries.removed.length > 0 && (
        <DiffSection title={t('diff.removed')} count={entries.removed.length} tone="removed">
          {entries.removed.map((node) => (
            <li key={node.id}>
              <NodeTitle node={node} />
            </li>
          ))}
        </DiffSection>
      )}
      {entries.changed.length > 0 && (
        <DiffSection title={t('diff.changed')} count={entries.changed.length} tone="changed">
          {entries.changed.map((change) => (
            <li key={change.node.id} className={styles.changedNode}>
              <NodeTitle node={change.node} />
              {change.rename !== undefined && (
                <span className={styles.muted}>
                  {' · '}
                  {change.rename.kind === 'named'
                    ? t('diff.named')
                    : t(change.rename.kind === 'cleared' ? 'diff.nameCleared' : 'diff.renamedFrom', { name: change.rename.from })}
                </span>
              )}
              {change.retypedFrom !== undefined && <span className={styles.muted}> · {t('diff.retypedFrom', { type: change.retypedFrom })}</span>}
              {change.fields.length > 0 && (
                <ul className={styles.fields}>
                  {change.fields.map((line) => (
                    <FieldItem key={`${line.kind}${line.pointer}`} line={line} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </DiffSection>
      )}
      {entries.connections.length > 0 && (
        <DiffSection title={t('diff.connections')} count={entries.connections.length}>
          {entries.connections.map((connection) => (
            <ConnectionItem key={`${connection.kind}${connection.key}`} connection={connection} />
          ))}
        </DiffSection>
      )}
      {others.length > 0 && (
        <DiffSection title={t('diff.other')} count={others.length}>
          {others.map((text) => (
            <li key={text} className={styles.muted}>
              {text}
            </li>
          ))}
        </DiffSection>
      )}
    </div>
  );
}

function DiffSection({
  title,
  count,
  tone,
  children,
}: {
  readonly title: string;
  readonly count: number;
  readonly tone?: 'added' | 'removed' | 'changed';
  readonly children: ReactNode;
}) {
  return (
    <section className={styles.diffSection} data-tone={tone}>
      <h4 className={styles.diffSectionTitle}>
        {title} <span className={styles.count}>({count})</span>
      </h4>
      <ul className={styles.diffList}>{children}</ul>
    </section>
  );
}

function NodeTitle({ node }: { readonly node: NodeLabel }) {
  return (
    <>
      <strong>{node.title}</strong>
      {node.isNamed && <span className={styles.muted}> · {node.typeTitle}</span>}
    </>
  );
}

function FieldItem({ line }: { readonly line: FieldLine }) {
  const { t } = useTranslation('versions');
  const name = pathText(line.path, (index) => t('diff.item', { number: index + 1 }));
  let change: ReactNode;
  switch (line.kind) {
    case 'changed':
      change = <Change before={line.before} after={line.after} />;
      break;
    case 'added':
      change = (
        <>
          {t('diff.fieldAdded')} <span className={styles.after}>{line.after}</span>
        </>
      );
      break;
    case 'removed':
      change = (
        <>
          {t('diff.fieldRemoved')} <span className={styles.before}>{line.before}</span>
        </>
      );
      break;
    case 'moved':
      change = t('diff.fieldMoved', { from: position(line.from), to: position(line.pointer) });
      break;
  }
  return (
    <li className={styles.fieldLine}>
      <span className={styles.fieldName}>{name}: </span>
      {change}
    </li>
  );
}

/** "before → after"; a screen reader hears "before to after" instead of an arrow's name. */
function Change({ before, after }: { readonly before: string; readonly after: string }) {
  const { t } = useTranslation('versions');
  return (
    <>
      <span className={styles.before}>{before}</span>{' '}
      <span aria-hidden="true" className={styles.arrow}>
        →
      </span>
      <VisuallyHidden.Root>{t('diff.to')}</VisuallyHidden.Root> <span className={styles.after}>{after}</span>
    </>
  );
}

function ConnectionItem({ connection }: { readonly connection: ConnectionEntry }) {
  const { t } = useTranslation('versions');
  const port = connection.port ?? t('diff.nextPort');
  const head = (
    <>
      <strong>{connection.from.title}</strong> · {port}:{' '}
    </>
  );
  switch (connection.kind) {
    case 'added':
      return (
        <li data-tone="added">
          {head}
          {t('diff.connectionAdded')} <strong>{connection.to?.title}</strong>
        </li>
      );
    case 'removed':
      return (
        <li data-tone="removed">
          {head}
          {t('diff.connectionRemoved')} <strong>{connection.was?.title}</strong>
        </li>
      );
    case 'rerouted':
      return (
        <li data-tone="changed">
          {head}
          {t('diff.connectionRerouted', { to: connection.to?.title ?? '', was: connection.was?.title ?? '' })}
        </li>
      );
  }
}

/** "Branches › VIP › Conditions › item 2 › Value". */
export function pathText(path: readonly FieldPathSegment[], itemName: (index: number) => string): string {
  return path.map((segment) => (segment.kind === 'field' ? segment.title : (segment.label ?? itemName(segment.index)))).join(' › ');
}

/** A list item's place counted from 1, from its pointer. */
function position(pointer: string | undefined): number {
  return Number(pointer?.split('/').at(-1) ?? 0) + 1;
}
