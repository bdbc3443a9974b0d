import type { FieldPathId } from '@rjsf/utils';
import { pointerOf } from '../json-schema.ts';

/** The id of a field's description, which its control names in aria-describedby. */
export function descriptionIdOf(id: string): string {
  return `${id}__description`;
}

/** The id of a field's error text, which its control names in aria-describedby. */
export function errorIdOf(id: string): string {
  return `${id}__error`;
}

/** aria-describedby for a control: its description and its errors, only those shown. */
export function describedByOf(id: string, hasDescription: boolean, errors: readonly unknown[] | undefined): string | undefined {
  const ids = [hasDescription ? descriptionIdOf(id) : undefined, errors !== undefined && errors.length > 0 ? errorIdOf(id) : undefined].filter(
    (part) => part !== undefined,
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** The JSON Pointer of a field in the form's value, as problems and `focusField` name it. */
export function pointerOfField(fieldPathId: FieldPathId): string {
  return pointerOf(fieldPathId.path);
}
