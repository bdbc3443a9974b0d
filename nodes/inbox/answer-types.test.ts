import { describe, expect, it } from 'vitest';
import { parseAnswer } from './answer-types.ts';

const choices = [
  { id: 'sales', label: 'Sales' },
  { id: 'support', label: 'Technical support' },
];

describe('parseAnswer', () => {
  it('reads numbers as people type them', () => {
    expect(parseAnswer('number', ' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseAnswer('number', '1,5')).toEqual({ ok: true, value: 1.5 });
    expect(parseAnswer('number', '1.250')).toEqual({ ok: true, value: 1250 });
    expect(parseAnswer('number', '-3.25')).toEqual({ ok: true, value: -3.25 });
    expect(parseAnswer('number', 'many')).toEqual({ ok: false });
    expect(parseAnswer('number', '12abc')).toEqual({ ok: false });
  });

  it('accepts emails and phone numbers with their usual separators', () => {
    expect(parseAnswer('email', 'Ana@Example.com')).toEqual({ ok: true, value: 'ana@example.com' });
    expect(parseAnswer('email', 'ana at example')).toEqual({ ok: false });
    expect(parseAnswer('phone', '+52 (55) 1234-5678')).toEqual({ ok: true, value: '+525512345678' });
    expect(parseAnswer('phone', '123')).toEqual({ ok: false });
  });

  it('reads ISO and day-first dates, refusing days that do not exist', () => {
    expect(parseAnswer('date', '2025-12-31')).toEqual({ ok: true, value: '2025-12-31' });
    expect(parseAnswer('date', '31/12/2025')).toEqual({ ok: true, value: '2025-12-31' });
    expect(parseAnswer('date', '1.2.2025')).toEqual({ ok: true, value: '2025-02-01' });
    expect(parseAnswer('date', '30/02/2025')).toEqual({ ok: false });
    expect(parseAnswer('date', 'tomorrow')).toEqual({ ok: false });
  });

  it('finds a choice by its number, id or label, without case', () => {
    expect(parseAnswer('multiple_choice', '2', choices)).toEqual({ ok: true, value: 'support', choice: choices[1] });
    expect(parseAnswer('multiple_choice', 'SALES', choices)).toEqual({ ok: true, value: 'sales', choice: choices[0] });
    expect(parseAnswer('multiple_choice', 'technical support', choices)).toEqual({ ok: true, value: 'support', choice: choices[1] });
    expect(parseAnswer('multiple_choice', '3', choices)).toEqual({ ok: false });
  });

  it('reads a rating from 1 to 5 as a digit, "n/5" or stars', () => {
    expect(parseAnswer('rating', '5')).toEqual({ ok: true, value: 5 });
    expect(parseAnswer('rating', '4/5')).toEqual({ ok: true, value: 4 });
    expect(parseAnswer('rating', '⭐⭐⭐')).toEqual({ ok: true, value: 3 });
    expect(parseAnswer('rating', '6')).toEqual({ ok: false });
    expect(parseAnswer('rating', '0')).toEqual({ ok: false });
    expect(parseAnswer('rating', 'great')).toEqual({ ok: false });
  });

  it('takes any non-blank text, trimmed', () => {
    expect(parseAnswer('text', '  hola ')).toEqual({ ok: true, value: 'hola' });
    expect(parseAnswer('text', '   ')).toEqual({ ok: false });
  });
});
