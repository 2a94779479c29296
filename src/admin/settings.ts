import { Type } from '@sinclair/typebox';
import { defineSetting } from '../platform/settings.js';

/** User administration's per-area settings, declared once with their defaults (ADR 0010). */

/**
 * 004 Box 6.1: the index is open only to "authorised users with relevant training and security
 * checks". When true, a practitioner or manager whose child index training or enhanced DBS check has
 * lapsed, or was never recorded, is refused the child index (children/authorised-users.ts).
 */
export const INDEX_REQUIRES_TRAINING = defineSetting({
  key: 'admin.indexRequiresTraining',
  feature: 'admin',
  description: 'Practitioners and managers need child index training and an enhanced DBS check in date to use the child index',
  schema: Type.Boolean(),
  default: true,
});
