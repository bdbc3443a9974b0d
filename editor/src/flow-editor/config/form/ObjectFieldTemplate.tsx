import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { asSchema, isSchema } from '../json-schema.ts';
import { whenHolds } from '../x-when.ts';
import { descriptionIdOf } from './field-ids.ts';
import styles from './schema-form.module.css';

/**
 * An object's fields, leaving out those whose `x-when` does not hold for the object's current
 * values (its defaults filled in). The config itself draws no frame; an object inside it is a
 * fieldset with its title as legend; an object that is an item of a list is framed by the item.
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { properties, schema, formData, title, description, fieldPathId } = props;
  const propertySchemas = isSchema(schema.properties) ? schema.properties : {};
  const shown = properties.filter((property) => !property.hidden && whenHolds(asSchema(propertySchemas[property.name]), formData));
  const content = shown.map((property) => property.content);
  const path = fieldPathId.path;
  if (path.length === 0 || typeof path.at(-1) === 'number') return <div className={styles.fields}>{content}</div>;
  const descriptionId = descriptionIdOf(fieldPathId.$id);
  return (
    <fieldset className={styles.group} aria-describedby={description ? descriptionId : undefined}>
      {title !== '' && <legend className={styles.label}>{title}</legend>}
      {description && (
        <p id={descriptionId} className={styles.description}>
          {description}
        </p>
      )}
      <div className={styles.fields}>{content}</div>
    </fieldset>
  );
}
