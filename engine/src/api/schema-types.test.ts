import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { DateTime, Nullable, StringEnum } from './schema-types.ts';

describe('Nullable', () => {
  it('admits null into an enum as well as into its type, so a null language validates', () => {
    const language = Nullable(StringEnum(['en', 'es']));
    const validate = new Ajv().compile(language);
    expect([null, 'en', 'es'].map((value) => validate(value))).toEqual([true, true, true]);
    expect(validate('fr')).toBe(false);
    expect(validate(3)).toBe(false);
  });

  it('serializes a nullable enum inside an anyOf, where fast-json-stringify checks each branch', async () => {
    // The shape of GET /api/me: `user` is a person (with a language that may be null) or null.
    const person = Type.Object({ language: Nullable(StringEnum(['en', 'es'])), createdAt: DateTime }, { $id: 'Person' });
    const app = Fastify();
    app.addSchema(person);
    app.get('/me', { schema: { response: { 200: Type.Object({ user: Nullable(Type.Unsafe({ $ref: 'Person#' })) }) } } }, async () => ({
      user: { language: null, createdAt: new Date('2026-12-02T10:00:00Z') },
    }));
    const response = await app.inject({ method: 'GET', url: '/me' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: { language: null, createdAt: '2026-12-02T10:00:00.000Z' } });
  });
});
