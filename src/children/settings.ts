import { Type } from '@sinclair/typebox';
import type { Queryable } from '../platform/db.js';
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

/** Whom to contact about a record that may be shielded from the person asking: the area's safeguarding contact. */
export const findShieldedContact = (db: Queryable, areaCode: string): Promise<string> => readSetting(db, areaCode, SHIELDED_CONTACT);
