import { findChildNames, viewerOf } from '../../children/index.js';
import type { User } from '../../platform/auth/repository.js';
import type { Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { paths } from '../../platform/paths.js';
import { callerOf } from '../../platform/subject-policy.js';
import { loadForAccess } from '../access.js';
import { assessmentRules } from '../subject-rules.js';

/**
 * The team around the child's plan as another feature refers to it (issue 17 item 3: individual
 * commissioning starts from a child's plan by reference, no case detail copied). The referring feature
 * keeps only the episode's id; whether a user may follow the link is front-line work's rule, asked here:
 * those who may work on the episode (its team, its assessor, practice managers: `assessmentRules`
 * 'work on') and who may see the child under the child index's view rule (a shielded record stays
 * hidden). The caller audits each read that names the child, with the child's id given back.
 */

export interface TeamPlanSeen {
  assessmentId: string;
  childId: string;
  childName: string;
  href: string;
}

/** The plan's link and the child's name when the user may follow it; undefined otherwise (or when the area has no such episode). */
export async function teamPlanFor(db: Queryable, user: User, assessmentId: string): Promise<TeamPlanSeen | undefined> {
  if (!isUuid(assessmentId)) return undefined;
  let facts;
  try {
    facts = await loadForAccess(db, user, assessmentId);
  } catch {
    return undefined;
  }
  if (!assessmentRules.check(callerOf(user), 'work on', facts).allowed) return undefined;
  const name = (await findChildNames(db, user.areaCode, viewerOf(user), [facts.assessment.childId])).get(facts.assessment.childId);
  if (!name || name.hidden) return undefined;
  return { assessmentId, childId: facts.assessment.childId, childName: name.name, href: paths.assessment(assessmentId) };
}

/**
 * Whether the area has an open episode with this id: what a commissioner, who is not on the team, may know
 * when recording an individual commission's reference to the child's plan (the reference alone, nothing of the case).
 */
export async function openEpisodeInArea(db: Queryable, areaCode: string, assessmentId: string): Promise<boolean> {
  if (!isUuid(assessmentId)) return false;
  const rows = await db.query("SELECT 1 FROM common_assessment WHERE id = $1 AND area_code = $2 AND status = 'open'", [assessmentId, areaCode]);
  return rows.length > 0;
}
