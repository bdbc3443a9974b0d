import type { FieldTemplateProps } from '@rjsf/utils';
import { CircleAlert } from 'lucide-react';
import { VisuallyHidden } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { asSchema, schemaAt } from '../json-schema.ts';
import { descriptionIdOf, errorIdOf, pointerOfField } from './field-ids.ts';
import { fieldKindOf, isGroupKind } from './field-kind.ts';
import { itemLabelOf } from './item-label.ts';
import styles from './schema-form.module.css';

/**
 * Every field of the form: its label (a `<label for>` on one control, a legend on a group of
 * them), its description and its errors, each tied to the control (aria-describedby, set by the
 * widgets from the same ids). `data-field` carries the field's JSON Pointer, for "go to field".
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { t } = useTranslation('flowConfig');
  const { id, label, children, rawErrors, rawDescription, hidden, required, schema, fieldPathId, registry } = props;
  if (hidden) return <div hidden>{children}</div>;
  const pointer = pointerOfField(fieldPathId);
  const kind = fieldKindOf(schema);
  const errors = rawErrors ?? [];
  const path = fieldPathId.path;
  const last = path.at(-1);
  const isItem = typeof last === 'number';
  const description = rawDescription !== undefined && rawDescription !== '' ? rawDescription : undefined;
  const errorList =
    errors.length === 0 ? null : (
      <div id={errorIdOf(id)} className={styles.errors} role="alert">
        {errors.map((error) => (
          <p key={error} className={styles.error}>
            <CircleAlert size={14} aria-hidden="true" />
            <span>{error}</span>
          </p>
        ))}
      </div>
    );
  const descriptionText =
    description === undefined ? null : (
      <p id={descriptionIdOf(id)} className={styles.description}>
        {description}
      </p>
    );
  const optional =
    !required && schema['default'] === undefined && schema['x-when'] === undefined && kind.kind !== 'switch' && !isItem && path.length > 0 ? (
      <span className={styles.optional}> {t('form.optional')}</span>
    ) : null;

  // Objects and lists draw their own fieldset and legend (ObjectFieldTemplate, ArrayFieldTemplate).
  if (kind.kind === 'object' || kind.kind === 'list') {
    return (
      <div className={styles.field} data-field={pointer}>
        {children}
        {errorList}
      </div>
    );
  }
  // An item of a list of plain values: the row itself says which item it is.
  if (isItem) {
    const list = asSchema(schemaAt(asSchema(registry.rootSchema), pointerOfField({ ...fieldPathId, path: path.slice(0, -1) })));
    const itemLabel = itemLabelOf(list, last, t);
    return (
      <div className={styles.itemField} data-field={pointer}>
        {!isGroupKind(kind) && kind.kind !== 'switch' && (
          <VisuallyHidden.Root asChild>
            <label htmlFor={id} id={`${id}__label`}>
              {itemLabel}
            </label>
          </VisuallyHidden.Root>
        )}
        {children}
        {errorList}
      </div>
    );
  }
  if (isGroupKind(kind)) {
    return (
      <fieldset className={styles.group} data-field={pointer} aria-describedby={description === undefined ? undefined : descriptionIdOf(id)}>
        <legend className={styles.label}>
          {label}
          {optional}
        </legend>
        {descriptionText}
        {children}
        {errorList}
      </fieldset>
    );
  }
  if (kind.kind === 'switch') {
    // The switch carries its own label beside it (SwitchWidget).
    return (
      <div className={styles.field} data-field={pointer}>
        {children}
        {descriptionText}
        {errorList}
      </div>
    );
  }
  return (
    <div className={styles.field} data-field={pointer}>
      <label className={styles.label} htmlFor={id} id={`${id}__label`}>
        {label}
        {optional}
      </label>
      {descriptionText}
      {children}
      {errorList}
    </div>
  );
}
