/**
 * The checks a form makes before it sends anything, so a person hears at once, in their language,
 * what a field needs. The server checks again and has the last word.
 */

/** The shortest password the server takes (PASSWORD_TOO_WEAK below it). */
export const minPasswordLength = 10;

export type Problem = 'required' | 'invalidEmail' | 'passwordTooShort';

export function checkRequired(value: string): Problem | undefined {
  return value.trim() === '' ? 'required' : undefined;
}

/** Something, an @, something: the server's check is the real one; this catches a name typed in the wrong field. */
export function checkEmail(value: string): Problem | undefined {
  if (value.trim() === '') return 'required';
  return /^[^\s@]+@[^\s@]+$/.test(value.trim()) ? undefined : 'invalidEmail';
}

export function checkNewPassword(value: string): Problem | undefined {
  if (value === '') return 'required';
  return [...value].length < minPasswordLength ? 'passwordTooShort' : undefined;
}
