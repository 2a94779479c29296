import { Type, type TNull, type TSchema, type TUnion, type TUnsafe } from '@sinclair/typebox';

/**
 * The building blocks of the entity schemas each feature declares once (docs/adr/0008-row-types.md):
 * the domain type is `Static<>` of the schema, and API responses pick their fields from it.
 */

export const Uuid = Type.String({ format: 'uuid' });

/** A calendar date as the database and the API give it. */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/**
 * A moment: a `Date` in the domain and a date-time string in JSON (the response serialiser writes a
 * Date as its ISO string), so one field declares both.
 */
export const Timestamp: TUnsafe<Date> = Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);
