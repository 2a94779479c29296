import { Type } from '@sinclair/typebox';
import type { Queryable } from '../platform/db.js';
import { EXTENDED_SCOPES } from './types.js';
import { defineSetting, readSetting } from '../platform/settings.js';

/** The child index's per-area settings, declared once with their defaults (ADR 0010). */

export const SHIELDED_CONTACT = defineSetting({
  key: 'children.shieldedContact',
  feature: 'children',
  description:
    'Named safeguarding officer shown when a search may have matched a record the user cannot see; empty means show nothing (plain "no match")',
  schema: Type.String({ maxLength: 300 }),
  default: '',
});

/** Whom to contact about a record that may be shielded from the person asking: the area's safeguarding contact on `day` (the clock's today). */
export const findShieldedContact = (db: Queryable, areaCode: string, day: string): Promise<string> => readSetting(db, areaCode, SHIELDED_CONTACT, day);

/**
 * The extended scopes (000 §1.15) under which the area keeps young people of 18 or over in its
 * index: an area that uses none holds children under 18 only. Records already holding a scope keep it.
 */
export const EXTENDED_SCOPES_USED = defineSetting({
  key: 'children.extendedScopesUsed',
  feature: 'children',
  description: 'The extended scopes the area uses for young people of 18 or over (000 §1.15)',
  schema: Type.Array(EXTENDED_SCOPES.schema(), { uniqueItems: true, maxItems: EXTENDED_SCOPES.values.length }),
  default: [...EXTENDED_SCOPES.values],
});

/** The scopes in force on `day` (the clock's today). */
export const findExtendedScopesUsed = (db: Queryable, areaCode: string, day: string) => readSetting(db, areaCode, EXTENDED_SCOPES_USED, day);
