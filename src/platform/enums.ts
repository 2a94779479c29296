import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

/**
 * An enumeration declared once: its values, its type, a guard and a TypeBox schema all come from
 * the one list, so a value set is never repeated across files (style.md: one constant with its guard).
 *
 *   export const GENDERS = defineEnum(['female', 'male', 'other', 'unknown']);
 *   export type Gender = EnumValue<typeof GENDERS>;
 */
export interface Enumeration<V extends string> {
  readonly values: readonly V[];
  /** Whether an unknown value is one of the enumeration's values. */
  is(value: unknown): value is V;
  /**
   * The value as one of the enumeration's, for mapping a database row: a CHECK constraint keeps the
   * column to these values (test/platform/enums-check.test.ts), so anything else is a fault, thrown.
   */
  parse(value: unknown): V;
  /** `parse` for a nullable column: null stays null. */
  parseNullable(value: unknown): V | null;
  /** The TypeBox schema (a union of literals) for request and response schemas. */
  schema(options?: { description?: string }): TUnion<TLiteral<V>[]>;
}

export type EnumValue<E> = E extends Enumeration<infer V> ? V : never;

export function defineEnum<const V extends string>(values: readonly V[]): Enumeration<V> {
  const set = new Set<string>(values);
  const is = (value: unknown): value is V => typeof value === 'string' && set.has(value);
  const parse = (value: unknown): V => {
    if (is(value)) return value;
    throw new Error(`${JSON.stringify(value)} is not one of: ${values.join(', ')}`);
  };
  return {
    values,
    is,
    parse,
    parseNullable: (value: unknown): V | null => (value === null ? null : parse(value)),
    schema: (options = {}) =>
      Type.Union(
        values.map((v) => Type.Literal(v)),
        options,
      ),
  };
}
