/**
 * TypeBox builders for response schemas: what JSON carries for a Date, a
 * nullable value and a string union. Each keeps its static type exact, so a
 * schema built from them can be compared with the domain type it describes.
 */
import { type SchemaOptions, type Static, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';

/** A Date in the domain, an ISO 8601 string on the wire (fast-json-stringify calls toISOString). */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });

/**
 * `schema` or null. A schema with one `type` gets `type: [type, 'null']`, which
 * fast-json-stringify serializes without trying branches; others become `anyOf`.
 * An `enum` gets null among its values too: `enum` is checked besides `type`, so without it
 * null would pass the type and fail the enum (a validation that 422s a null, and an `anyOf`
 * around the schema that fails to serialize).
 */
export function Nullable<T extends TSchema>(schema: T, options: SchemaOptions = {}): TUnsafe<Static<T> | null> {
  const { type, enum: values } = schema as { type?: unknown; enum?: unknown };
  if (typeof type === 'string') {
    return Type.Unsafe<Static<T> | null>({ ...schema, ...options, type: [type, 'null'], ...(Array.isArray(values) ? { enum: [...values, null] } : {}) });
  }
  return Type.Unsafe<Static<T> | null>({ ...options, anyOf: [schema, { type: 'null' }] });
}

/**
 * One of these strings, as a JSON Schema `enum` (one message lists them all,
 * where a union of literals would give one message per literal). The static
 * type is inferred from the values, so comparing the schema with the domain
 * type catches a value added to one and not the other.
 */
export function StringEnum<const V extends readonly string[]>(values: V, options: SchemaOptions = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });
}

/** An array whose static type is readonly, as the domain types' arrays are. */
export function ReadonlyArray<T extends TSchema>(items: T, options: SchemaOptions = {}): TUnsafe<readonly Static<T>[]> {
  return Type.Unsafe<readonly Static<T>[]>(Type.Array(items, options));
}
