/**
 * A catalogue in another language than English: every key of the English one, each a string.
 * The typecheck refuses a missing or extra key; catalogues.test.ts checks what types cannot
 * (no empty text, the same {{placeholders}} and <tags> in both).
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
