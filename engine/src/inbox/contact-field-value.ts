import type { ContactFieldDefinition } from '../store/inbox/contact-fields.ts';

export type FieldValueCheck = { readonly ok: true; readonly value: string | number | boolean } | { readonly ok: false; readonly message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a value against its field's type and returns it in stored form:
 * numbers as numbers (numeric text converts, as flows render templates to
 * text), dates as `YYYY-MM-DD`, booleans from true/false/yes/no, select values
 * as the option's own spelling.
 */
export function checkFieldValue(field: ContactFieldDefinition, value: unknown): FieldValueCheck {
  const text = typeof value === 'string' ? value.trim() : undefined;
  switch (field.type) {
    case 'text':
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, message: `Field "${field.key}" holds text; got ${JSON.stringify(value)}.` };
    case 'number': {
      const number = typeof value === 'number' ? value : text !== undefined && text !== '' ? Number(text.replace(',', '.')) : Number.NaN;
      return Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, message: `Field "${field.key}" holds a number; got ${JSON.stringify(value)}.` };
    }
    case 'date': {
      const match = text === undefined ? null : ISO_DATE.exec(text);
      if (match !== null && text !== undefined && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return { ok: true, value: text };
      return { ok: false, message: `Field "${field.key}" holds a date as YYYY-MM-DD; got ${JSON.stringify(value)}.` };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const lower = text?.toLowerCase();
      if (lower === 'true' || lower === 'yes') return { ok: true, value: true };
      if (lower === 'false' || lower === 'no') return { ok: true, value: false };
      return { ok: false, message: `Field "${field.key}" holds true or false; got ${JSON.stringify(value)}.` };
    }
    case 'select': {
      const option = text === undefined ? undefined : field.options.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      if (option !== undefined) return { ok: true, value: option };
      return {
        ok: false,
        message: `Field "${field.key}" is one of ${field.options.map((candidate) => `"${candidate}"`).join(', ')}; got ${JSON.stringify(value)}.`,
      };
    }
  }
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
