import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import forms from '../../../ui/forms.module.css';
import { asSchema, schemaTypes, unionOptions } from '../json-schema.ts';
import { describedByOf } from './field-ids.ts';
import styles from './schema-form.module.css';
import { choiceOf, type UnionChoice, unionChoices, valueForChoice } from './union-choice.ts';

/**
 * A union of options (RJSF's AnyOfField and OneOfField): radio buttons, one per option, and
 * beside the chosen option that takes a value, its input. The legend and the errors are the
 * field's (FieldTemplate); an option with more inside than one value gets its own fields below.
 */
export function UnionField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, registry, disabled, readonly, rawErrors, errorSchema, uiSchema, onBlur, onFocus, ...rest } = props;
  const choices = unionChoices(unionOptions(asSchema(schema)) ?? []);
  const selected = choiceOf(choices, formData);
  const id = fieldPathId.$id;
  // RJSF hands a union its errors in errorSchema (rawErrors go to the field it renders in its place).
  const errors = rawErrors ?? errorSchema?.__errors ?? [];
  const describedBy = describedByOf(id, typeof schema.description === 'string' && schema.description !== '', errors);
  const inactive = disabled === true || readonly === true;
  const choose = (choice: UnionChoice) => onChange(valueForChoice(choice, formData), fieldPathId.path, undefined, id);
  const { SchemaField } = registry.fields;
  const complex = selected !== undefined && selected.constant === undefined && !isScalar(selected);
  return (
    <div className={styles.choices}>
      {choices.map((choice) => {
        const radioId = choice.index === 0 ? id : `${id}__option-${choice.index}`;
        const checked = selected?.index === choice.index;
        const labelId = `${radioId}__label`;
        return (
          <div key={choice.index} className={styles.choiceRow}>
            <label className={styles.choice} id={labelId}>
              <input type="radio" id={radioId} name={id} checked={checked} disabled={inactive} aria-describedby={describedBy} onChange={() => choose(choice)} />
              <span>{choice.label}</span>
            </label>
            {checked && choice.constant === undefined && isScalar(choice) && (
              <ScalarInput
                id={`${id}__value`}
                choice={choice}
                value={formData}
                labelledBy={labelId}
                describedBy={describedBy}
                invalid={errors.length > 0}
                disabled={inactive}
                onChange={(next) => onChange(next, fieldPathId.path, undefined, id)}
              />
            )}
          </div>
        );
      })}
      {complex && (
        <SchemaField
          {...rest}
          name=""
          schema={{ ...selected.schema, title: undefined }}
          uiSchema={uiSchema}
          formData={formData}
          errorSchema={errorSchema}
          fieldPathId={{ ...fieldPathId, $id: `${id}__value` }}
          registry={registry}
          disabled={disabled}
          readonly={readonly}
          onBlur={onBlur}
          onFocus={onFocus}
          onChange={onChange}
        />
      )}
    </div>
  );
}

function isScalar(choice: UnionChoice): boolean {
  const types = schemaTypes(choice.schema);
  return types.length > 0 && types.every((type) => ['string', 'number', 'integer', 'null'].includes(type)) && !types.includes('null');
}

interface ScalarInputProps {
  readonly id: string;
  readonly choice: UnionChoice;
  readonly value: unknown;
  readonly labelledBy: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly onChange: (value: unknown) => void;
}

/**
 * The value of a chosen option, beside its radio. A number is kept as typed while it does not
 * read as one yet (empty, "-"), so the choice does not jump back to another option mid-edit.
 */
function ScalarInput({ id, choice, value, labelledBy, describedBy, invalid, disabled, onChange }: ScalarInputProps) {
  const numeric = schemaTypes(choice.schema).some((type) => type === 'number' || type === 'integer');
  const shown = value === undefined || value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText((current) => (numeric && Number(current) === value ? current : shown)), [shown, numeric, value]);
  return (
    <input
      id={id}
      className={`${forms.input} ${styles.choiceInput}`}
      type="text"
      inputMode={numeric ? 'numeric' : undefined}
      autoComplete="off"
      value={text}
      disabled={disabled}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (!numeric) onChange(next);
        else if (next.trim() !== '' && Number.isFinite(Number(next))) onChange(Number(next));
      }}
      onBlur={() => setText(shown)}
    />
  );
}
