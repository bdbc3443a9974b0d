import type { ArrayFieldItemButtonsTemplateProps, ArrayFieldItemTemplateProps, ArrayFieldTemplateProps, FieldPathList, Registry } from '@rjsf/utils';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { isValidElement, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../../ui/buttons.module.css';
import { asSchema, pointerOf, schemaAt, schemaTitle, schemaTypes } from '../json-schema.ts';
import { descriptionIdOf } from './field-ids.ts';
import { itemLabelOf, itemSummaryOf } from './item-label.ts';
import styles from './schema-form.module.css';

/** A list: its legend, its items and a labelled "Add" button. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { t } = useTranslation('flowConfig');
  const { canAdd, items, onAddClick, title, schema, fieldPathId, disabled, readonly } = props;
  const description = typeof schema.description === 'string' && schema.description !== '' ? schema.description : undefined;
  const descriptionId = descriptionIdOf(fieldPathId.$id);
  const itemTitle = schemaTitle(asSchema(schema.items));
  const listTitle = title || schemaTitle(asSchema(schema)) || '';
  return (
    <fieldset className={styles.group} id={fieldPathId.$id} tabIndex={-1} aria-describedby={description === undefined ? undefined : descriptionId}>
      <legend className={styles.label}>{listTitle}</legend>
      {description !== undefined && (
        <p id={descriptionId} className={styles.description}>
          {description}
        </p>
      )}
      {items.length === 0 ? <p className={styles.empty}>{t('form.emptyList')}</p> : <ol className={styles.items}>{items}</ol>}
      {canAdd && (
        <div>
          <button type="button" id={addButtonIdOf(fieldPathId.$id)} className={buttons.secondary} onClick={onAddClick} disabled={disabled || readonly}>
            <Plus size={16} aria-hidden="true" />
            {itemTitle === undefined ? t('form.addTo', { list: listTitle }) : t('form.add', { item: itemTitle })}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** One item: a framed group named "Interval 2" for an object, a row for a plain value; its buttons beside it. */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { t } = useTranslation('flowConfig');
  const { children, buttonsProps, hasToolbar, index, registry, schema } = props;
  // The item's own name, when it has one, tells items apart: "Branches, item 2: VIP".
  const summary = itemSummaryOf(isValidElement<{ formData?: unknown }>(children) ? children.props.formData : undefined);
  const number = itemLabelOf(listSchemaOf(registry, buttonsProps.fieldPathId.path), index, t);
  const label = summary === undefined ? number : `${number}: ${summary}`;
  const toolbar = hasToolbar ? <ArrayFieldItemButtons {...buttonsProps} itemLabel={label} /> : null;
  const isObject = schemaTypes(asSchema(schema)).includes('object');
  if (!isObject) {
    return (
      <li className={styles.itemRow}>
        <div className={styles.itemBody}>{children}</div>
        {toolbar}
      </li>
    );
  }
  const headingId = `${buttonsProps.fieldPathId.$id}__heading`;
  return (
    <li className={styles.itemCard} aria-labelledby={headingId}>
      <div className={styles.itemHeader}>
        <span id={headingId} className={styles.itemTitle}>
          {label}
        </span>
        {toolbar}
      </div>
      {children}
    </li>
  );
}

/**
 * Move up, move down and remove, each named with the item it acts on ("Move Interval 2 up").
 * The focus stays with the item: on its button at its new place after a move (or on the other
 * move button at the end of the list), in the list after a remove.
 */
export function ArrayFieldItemButtons(props: ArrayFieldItemButtonsTemplateProps & { readonly itemLabel?: string }) {
  const { t } = useTranslation('flowConfig');
  const { disabled, readonly, hasMoveDown, hasMoveUp, hasRemove, index, totalItems, onMoveUpItem, onMoveDownItem, onRemoveItem, fieldPathId, registry } = props;
  const path = fieldPathId.path;
  const item = props.itemLabel ?? itemLabelOf(listSchemaOf(registry, path), index, t);
  const inactive = disabled === true || readonly === true;
  const listId = idOfPath(registry, path.slice(0, -1));
  const itemIdAt = (at: number) => idOfPath(registry, [...path.slice(0, -1), at]);
  const move = (event: MouseEvent<HTMLButtonElement>, step: -1 | 1) => {
    if (step === -1) onMoveUpItem(event);
    else onMoveDownItem(event);
    requestAnimationFrame(() => {
      const at = itemIdAt(index + step);
      const same = document.getElementById(`${at}__${step === -1 ? 'up' : 'down'}`);
      const other = document.getElementById(`${at}__${step === -1 ? 'down' : 'up'}`);
      (same instanceof HTMLButtonElement && !same.disabled ? same : other)?.focus();
    });
  };
  const remove = (event: MouseEvent<HTMLButtonElement>) => {
    onRemoveItem(event);
    // The button goes with its item: keep the person in the list rather than at the top of the page.
    requestAnimationFrame(() => {
      const next = document.getElementById(addButtonIdOf(listId)) ?? document.getElementById(listId);
      next?.focus();
    });
  };
  return (
    <div className={styles.itemButtons}>
      {(hasMoveUp || hasMoveDown) && totalItems > 1 && (
        <>
          <button
            type="button"
            id={`${fieldPathId.$id}__up`}
            className={buttons.icon}
            aria-label={t('form.moveUp', { item })}
            title={t('form.moveUp', { item })}
            onClick={(event) => move(event, -1)}
            disabled={inactive || !hasMoveUp}
          >
            <ArrowUp size={16} aria-hidden="true" />
          </button>
          <button
            type="button"
            id={`${fieldPathId.$id}__down`}
            className={buttons.icon}
            aria-label={t('form.moveDown', { item })}
            title={t('form.moveDown', { item })}
            onClick={(event) => move(event, 1)}
            disabled={inactive || !hasMoveDown}
          >
            <ArrowDown size={16} aria-hidden="true" />
          </button>
        </>
      )}
      {hasRemove && (
        <button
          type="button"
          className={buttons.icon}
          aria-label={t('form.remove', { item })}
          title={t('form.remove', { item })}
          onClick={remove}
          disabled={inactive}
        >
          <Trash2 size={16} aria-hidden="true" />
        </button>
      )}
    </div>
  );
}

function addButtonIdOf(listId: string): string {
  return `${listId}__add`;
}

function listSchemaOf(registry: Registry, itemPath: FieldPathList) {
  return asSchema(schemaAt(asSchema(registry.rootSchema), pointerOf(itemPath.slice(0, -1))));
}

function idOfPath(registry: Registry, path: FieldPathList): string {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  return [idPrefix, ...path].join(idSeparator);
}
