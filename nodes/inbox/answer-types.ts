import { isRealDate } from '@switchboard/engine/inbox';

export const answerTypes = ['text', 'number', 'email', 'phone', 'date', 'multiple_choice', 'rating'] as const;
export type AnswerType = (typeof answerTypes)[number];

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export type ParsedAnswer = { readonly ok: true; readonly value: string | number; readonly choice?: Choice } | { readonly ok: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{7,15}$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const RATING = /^([1-5])(?:\s*\/\s*5)?$/;

/**
 * Reads a contact's reply as the answer type expects it, forgiving the ways
 * people type: "1.234,5" and "1,5" as numbers, phone numbers with spaces and
 * dashes, dates as YYYY-MM-DD or day first (31/12/2025, 31.12.2025), a choice
 * by its number, id or label, a rating as "4", "4/5" or four stars.
 */
export function parseAnswer(type: AnswerType, reply: string, choices: readonly Choice[] = []): ParsedAnswer {
  const text = reply.trim();
  if (text === '') return { ok: false };
  switch (type) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const normalized = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) ? text.replaceAll('.', '').replace(',', '.') : text.replace(',', '.');
      const number = Number(normalized);
      return /^-?\d+(\.\d+)?$/.test(normalized) && Number.isFinite(number) ? { ok: true, value: number } : { ok: false };
    }
    case 'email':
      return EMAIL.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'phone': {
      const compact = text.replace(/[\s().-]/g, '');
      return PHONE.test(compact) ? { ok: true, value: compact } : { ok: false };
    }
    case 'date':
      return parseDate(text);
    case 'multiple_choice': {
      const lower = text.toLowerCase();
      const byNumber = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
      const choice = byNumber ?? choices.find((candidate) => candidate.id.toLowerCase() === lower || candidate.label.trim().toLowerCase() === lower);
      return choice === undefined ? { ok: false } : { ok: true, value: choice.id, choice };
    }
    case 'rating': {
      const stars = [...text].filter((char) => char === '⭐' || char === '★').length;
      if (stars >= 1 && stars <= 5 && text.replace(/(?:⭐|★|\s|\uFE0F)/gu, '') === '') return { ok: true, value: stars };
      const match = RATING.exec(text);
      return match === null ? { ok: false } : { ok: true, value: Number(match[1]) };
    }
  }
}

function parseDate(text: string): ParsedAnswer {
  const iso = ISO_DATE.exec(text);
  const dayFirst = DAY_FIRST_DATE.exec(text);
  const [year, month, day] = iso !== null ? [iso[1], iso[2], iso[3]] : dayFirst !== null ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (year === undefined || month === undefined || day === undefined || !isRealDate(Number(year), Number(month), Number(day))) return { ok: false };
  return { ok: true, value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}
