import { pointerOf, pointerSegments } from '../json-schema.ts';

const FOCUSABLE = [
  'input:not([type="hidden"]):not(:disabled)',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  '[contenteditable="true"]',
  'button:not(:disabled)',
  '[tabindex="-1"]',
].join(', ');

/**
 * "Go to field": focuses the control of the field a JSON Pointer names inside a form's
 * container (FieldTemplate marks each field with `data-field`). Inside the field, the control
 * marked invalid comes first (the interval of the opening hours that is wrong), then a chosen
 * radio, then the first control. A pointer the form does not show (a field hidden by x-when, a
 * place inside a row) focuses its nearest shown ancestor. Returns whether it found one.
 */
export function focusField(container: HTMLElement, pointer: string): boolean {
  let segments = pointerSegments(pointer);
  for (;;) {
    const field = container.querySelector<HTMLElement>(`[data-field="${CSS.escape(pointerOf(segments))}"]`);
    if (field !== null) {
      const target =
        field.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset)') ??
        field.querySelector<HTMLElement>('input[type="radio"]:checked') ??
        field.querySelector<HTMLElement>(FOCUSABLE) ??
        field;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'nearest' });
      return true;
    }
    if (segments.length === 0) return false;
    segments = segments.slice(0, -1);
  }
}
