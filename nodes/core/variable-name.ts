import { Type } from '@switchboard/sdk';

/** Run variable names: readable as `vars.<name>` in templates and condition paths without quoting. */
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

/** `holds`: what the variable is set to, as the SDK's `x-variable` says it (true: the step's whole output). */
export function variableNameSchema(title: string, description: string, holds: true | { readonly output: string } | { readonly sibling: string } = true) {
  return Type.String({ pattern: VARIABLE_NAME_PATTERN, maxLength: 64, 'x-variable': holds, title, description });
}
