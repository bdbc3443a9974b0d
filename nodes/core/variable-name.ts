import { Type } from '@switchboard/sdk';

/** Run variable names: readable as `vars.<name>` in templates and condition paths without quoting. */
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

export function variableNameSchema(title: string, description: string) {
  return Type.String({ pattern: VARIABLE_NAME_PATTERN, maxLength: 64, title, description });
}
