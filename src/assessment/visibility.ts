import { childRules, type Viewer } from '../children/index.js';

/**
 * What front-line work shows of a child, by the child index's 'view' rule (children/subject-rules.ts): a
 * shielded record's identifying details reach only the organisation that shielded it and
 * designated safeguarding leads (domain brief §3: records are shielded where showing them could
 * put a child at risk, for example a family fleeing violence). Everyone else on the team keeps
 * the work but sees "A shielded record" and whom to contact (ADR 0005).
 */

export const SHIELDED_NAME = 'A shielded record';

/** Columns a list selects (child alias `c`) so each row can be judged by the child index's 'view' rule. */
export const SHIELD_COLUMNS = 'c.shielded_at IS NOT NULL AS child_shielded, c.shielded_by_organisation_id AS child_shielded_by';

export interface ShieldColumns {
  child_shielded: boolean;
  child_shielded_by: string | null;
}

/** Whether this viewer may see the identifying details of the child a row names. */
export function seesChild(row: ShieldColumns, viewer: Viewer): boolean {
  return childRules.permits(viewer, 'view', { shielded: row.child_shielded ? { organisationId: row.child_shielded_by ?? '' } : null });
}
