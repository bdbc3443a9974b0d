import type { FieldProps } from '@rjsf/utils';
import { CircleAlert, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../../ui/buttons.module.css';
import forms from '../../../ui/forms.module.css';
import { asSchema, childSchema, isSchema, schemaTitle, schemaTypes } from '../json-schema.ts';
import { TemplateEditor } from '../template-field/TemplateEditor.tsx';
import { AnyValueEditor } from './AnyValueEditor.tsx';
import type { SchemaFormContext } from './form-context.ts';
import styles from './schema-form.module.css';

interface Row {
  readonly key: string;
  readonly value: unknown;
  readonly rowId: number;
}

let nextRowId = 0;

function rowsOf(value: unknown): Row[] {
  if (!isSchema(value)) return [];
  return Object.entries(value).map(([key, inner]) => ({ key, value: inner, rowId: nextRowId++ }));
}

function objectOf(rows: readonly Row[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const row of rows) if (row.key !== '') object[row.key] = row.value;
  return object;
}

/**
 * An object of free names (`patternProperties`, `additionalProperties`: HTTP headers, a run's
 * input): a name and a value per row, add and remove. Rows are kept as typed, so a name being
 * typed (or left empty, or used twice) does not lose its row; the value written has each named row.
 */
export function RecordField(props: FieldProps) {
  const { t } = useTranslation('flowConfig');
  const { schema, formData, onChange, fieldPathId, registry, disabled, readonly } = props;
  const id = fieldPathId.$id;
  const context = registry.formContext as SchemaFormContext | undefined;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(formData));
  const written = useRef(JSON.stringify(objectOf(rows)));
  useEffect(() => {
    // A value from outside (undo, a reload) replaces the rows; the echo of our own write does not.
    if (JSON.stringify(formData ?? {}) !== written.current) {
      setRows(rowsOf(formData));
      written.current = JSON.stringify(formData ?? {});
    }
  }, [formData]);
  const write = (next: Row[]) => {
    setRows(next);
    const object = objectOf(next);
    written.current = JSON.stringify(object);
    onChange(object, fieldPathId.path, undefined, id);
  };
  const title = schemaTitle(asSchema(schema)) ?? '';
  const inactive = disabled === true || readonly === true;
  const [focusRow, setFocusRow] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (focusRow === undefined) return;
    document.getElementById(`${id}-${focusRow}-key`)?.focus();
    setFocusRow(undefined);
  }, [focusRow, id]);
  return (
    <div className={styles.record}>
      {rows.length === 0 && <p className={styles.empty}>{t('form.emptyList')}</p>}
      {rows.map((row, index) => {
        const valueSchema = asSchema(childSchema(asSchema(schema), row.key === '' ? 'name' : row.key));
        const isText = schemaTypes(valueSchema).includes('string');
        const isTemplate = valueSchema['x-template'] === true || valueSchema['x-template'] === 'multiline';
        const twice = row.key !== '' && rows.findIndex((other) => other.key === row.key) !== index;
        const where = { number: index + 1 };
        const keyId = `${id}-${row.rowId}-key`;
        const valueId = `${id}-${row.rowId}-value`;
        const problemId = `${id}-${row.rowId}-problem`;
        const setValue = (value: unknown) => write(rows.map((other) => (other.rowId === row.rowId ? { ...other, value } : other)));
        return (
          <fieldset key={row.rowId} className={styles.recordRow} aria-label={t('record.row', where)}>
            <input
              id={keyId}
              className={`${forms.input} ${styles.recordKey}`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('record.keyPlaceholder')}
              value={row.key}
              disabled={inactive}
              aria-label={t('record.key', where)}
              aria-invalid={twice}
              aria-describedby={twice ? problemId : undefined}
              onChange={(event) => write(rows.map((other) => (other.rowId === row.rowId ? { ...other, key: event.target.value } : other)))}
            />
            <div className={styles.recordValue}>
              {isText && isTemplate ? (
                <TemplateEditor
                  id={valueId}
                  value={typeof row.value === 'string' ? row.value : ''}
                  onChange={setValue}
                  multiline={false}
                  scope={context?.templateScope}
                  label={t('record.value', where)}
                  disabled={inactive}
                />
              ) : isText ? (
                <input
                  id={valueId}
                  className={forms.input}
                  type="text"
                  autoComplete="off"
                  value={typeof row.value === 'string' ? row.value : ''}
                  disabled={inactive}
                  aria-label={t('record.value', where)}
                  onChange={(event) => setValue(event.target.value)}
                />
              ) : (
                <AnyValueEditor
                  id={valueId}
                  value={row.value}
                  onChange={setValue}
                  template={isTemplate}
                  scope={context?.templateScope}
                  label={t('record.value', where)}
                  disabled={inactive}
                />
              )}
            </div>
            <button
              type="button"
              className={buttons.icon}
              aria-label={t('record.remove', { ...where, key: row.key })}
              title={t('record.remove', { ...where, key: row.key })}
              disabled={inactive}
              onClick={() => write(rows.filter((other) => other.rowId !== row.rowId))}
            >
              <Trash2 size={16} aria-hidden="true" />
            </button>
            {twice && (
              <p id={problemId} className={`${styles.error} ${styles.recordProblem}`} role="alert">
                <CircleAlert size={14} aria-hidden="true" />
                <span>{t('record.twice', { key: row.key })}</span>
              </p>
            )}
          </fieldset>
        );
      })}
      <div>
        <button
          type="button"
          className={buttons.secondary}
          disabled={inactive}
          onClick={() => {
            const row = { key: '', value: '', rowId: nextRowId++ };
            write([...rows, row]);
            setFocusRow(row.rowId);
          }}
        >
          <Plus size={16} aria-hidden="true" />
          {t('form.addTo', { list: title })}
        </button>
      </div>
    </div>
  );
}
