import type { FieldProps } from '@rjsf/utils';
import { CircleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import forms from '../../../ui/forms.module.css';
import { asSchema } from '../json-schema.ts';
import { TemplateEditor } from '../template-field/TemplateEditor.tsx';
import { TemplatePreview } from '../template-field/TemplatePreview.tsx';
import type { TemplateScope } from '../template-scope.ts';
import { describedByOf } from './field-ids.ts';
import { fieldKindOf } from './field-kind.ts';
import type { SchemaFormContext } from './form-context.ts';
import { type AnyValueKind, anyValueKinds, convertValue, kindOfValue } from './any-value.ts';
import styles from './schema-form.module.css';

export interface AnyValueEditorProps {
  readonly id: string;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  /** Its texts are templates (`x-template` on a schema of any value): the template editor and a preview. */
  readonly template: boolean;
  readonly scope: TemplateScope | undefined;
  readonly labelledBy?: string | undefined;
  /** The name to read when no label element names the field. */
  readonly label?: string | undefined;
  readonly describedBy?: string | undefined;
  readonly invalid?: boolean;
  readonly disabled?: boolean;
}

/**
 * A value of any JSON type (a condition's value, a variable, an HTTP body): first what kind of
 * value it is (text, number, yes or no, list, JSON, empty), then its editor. Text is the usual
 * case and may be a template; JSON is kept as typed until it parses, with the reason it does not.
 */
export function AnyValueEditor({ id, value, onChange, template, scope, labelledBy, label, describedBy, invalid, disabled }: AnyValueEditorProps) {
  const { t } = useTranslation('flowConfig');
  const [kind, setKind] = useState<AnyValueKind>(() => kindOfValue(value));
  useEffect(() => {
    // A value from outside (undo) may be of another kind; a value of the kind chosen stays in it.
    setKind((current) => (kindOfValue(value) === current || (current === 'text' && value === undefined) ? current : kindOfValue(value)));
  }, [value]);
  return (
    <div className={styles.anyValue}>
      <select
        className={`${forms.select} ${styles.anyKind}`}
        aria-label={t('any.kind')}
        value={kind}
        disabled={disabled}
        onChange={(event) => {
          const next = event.target.value as AnyValueKind;
          setKind(next);
          onChange(convertValue(value, next));
        }}
      >
        {anyValueKinds.map((entry) => (
          <option key={entry} value={entry}>
            {t(`any.kinds.${entry}`)}
          </option>
        ))}
      </select>
      <div className={styles.anyEditor}>
        <KindEditor
          kind={kind}
          id={id}
          value={value}
          onChange={onChange}
          template={template}
          scope={scope}
          labelledBy={labelledBy}
          label={label}
          describedBy={describedBy}
          invalid={invalid}
          disabled={disabled}
        />
      </div>
    </div>
  );
}

function KindEditor({
  kind,
  id,
  value,
  onChange,
  template,
  scope,
  labelledBy,
  label,
  describedBy,
  invalid,
  disabled,
}: AnyValueEditorProps & { readonly kind: AnyValueKind }) {
  const { t } = useTranslation('flowConfig');
  const aria = {
    'aria-labelledby': labelledBy,
    'aria-label': labelledBy === undefined ? label : undefined,
    'aria-describedby': describedBy,
    'aria-invalid': invalid === true,
  };
  switch (kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      if (template) {
        return (
          <>
            <TemplateEditor
              id={id}
              value={text}
              onChange={(next) => onChange(next)}
              multiline={false}
              scope={scope}
              labelledBy={labelledBy}
              label={label}
              describedBy={describedBy}
              invalid={invalid === true}
              disabled={disabled === true}
            />
            <TemplatePreview id={`${id}__preview`} template={text} scope={scope} />
          </>
        );
      }
      return (
        <input
          id={id}
          className={forms.input}
          type="text"
          autoComplete="off"
          value={text}
          disabled={disabled}
          {...aria}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    }
    case 'number':
      return <NumberText id={id} value={value} onChange={onChange} disabled={disabled} aria={aria} />;
    case 'boolean':
      return (
        <div className={styles.switchRow}>
          <input
            id={id}
            type="checkbox"
            role="switch"
            className={styles.switch}
            checked={value === true}
            aria-checked={value === true}
            disabled={disabled}
            {...aria}
            onChange={(event) => onChange(event.target.checked)}
          />
          <span className={styles.switchLabel} aria-hidden="true">
            {value === true ? t('any.true') : t('any.false')}
          </span>
        </div>
      );
    case 'list':
      return <ListText id={id} value={value} onChange={onChange} disabled={disabled} aria={aria} />;
    case 'json':
      return <JsonText id={id} value={value} onChange={onChange} disabled={disabled} aria={aria} />;
    case 'null':
      return <p className={styles.empty}>{t('any.nullNote')}</p>;
  }
}

interface TextProps {
  readonly id: string;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly disabled?: boolean | undefined;
  readonly aria: Readonly<Record<string, string | boolean | undefined>>;
}

function NumberText({ id, value, onChange, disabled, aria }: TextProps) {
  const shown = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText((current) => (Number(current) === value ? current : shown)), [shown, value]);
  return (
    <input
      id={id}
      className={forms.input}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      disabled={disabled}
      {...aria}
      onChange={(event) => {
        setText(event.target.value);
        const number = Number(event.target.value);
        if (event.target.value.trim() !== '' && Number.isFinite(number)) onChange(number);
      }}
      onBlur={() => setText(shown)}
    />
  );
}

/** A list of texts, one per line. */
function ListText({ id, value, onChange, disabled, aria }: TextProps) {
  const { t } = useTranslation('flowConfig');
  const shown = Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n') : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText((current) => (linesOf(current).join('\n') === linesOf(shown).join('\n') ? current : shown)), [shown]);
  return (
    <>
      <textarea
        id={id}
        className={styles.textarea}
        rows={3}
        value={text}
        disabled={disabled}
        {...aria}
        onChange={(event) => {
          setText(event.target.value);
          onChange(linesOf(event.target.value));
        }}
      />
      <p className={styles.hint}>{t('any.listHint')}</p>
    </>
  );
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** JSON typed as text: written back only when it parses; otherwise why not, under it. */
function JsonText({ id, value, onChange, disabled, aria }: TextProps) {
  const { t } = useTranslation('flowConfig');
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(value) ? current : shown;
      } catch {
        return current;
      }
    });
  }, [shown, value]);
  const problemId = `${id}__json`;
  const describedBy = [aria['aria-describedby'], problem === undefined ? undefined : problemId].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <textarea
        id={id}
        className={`${styles.textarea} ${styles.code}`}
        rows={5}
        spellCheck={false}
        value={text}
        disabled={disabled}
        {...aria}
        aria-invalid={problem !== undefined || aria['aria-invalid'] === true}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          try {
            onChange(JSON.parse(event.target.value));
            setProblem(undefined);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {problem !== undefined && (
        <p id={problemId} className={styles.error} role="alert">
          <CircleAlert size={14} aria-hidden="true" />
          <span>{t('any.badJson', { message: problem })}</span>
        </p>
      )}
    </>
  );
}

/** A field of any JSON type (RJSF's FallbackField, for a schema without `type`). */
export function AnyValueField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, registry, disabled, readonly, rawErrors } = props;
  const kind = fieldKindOf(asSchema(schema));
  const id = fieldPathId.$id;
  const context = registry.formContext as SchemaFormContext | undefined;
  const errors = rawErrors ?? [];
  return (
    <AnyValueEditor
      id={id}
      value={formData}
      onChange={(next) => onChange(next, fieldPathId.path, undefined, id)}
      template={kind.kind === 'any' && kind.template}
      scope={context?.templateScope}
      labelledBy={`${id}__label`}
      describedBy={describedByOf(id, typeof schema.description === 'string' && schema.description !== '', errors)}
      invalid={errors.length > 0}
      disabled={disabled === true || readonly === true}
    />
  );
}
