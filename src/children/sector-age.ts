import { childProblems } from './errors.js';
import { childAgeRules } from './subject-rules.js';
import type { ChildDetails, Viewer } from './types.js';
import { ageOn } from './validation.js';

/**
 * Refused, with the limit named, when the young person is older than the viewer's sector's duty
 * reaches (children/subject-rules.ts childAgeRules; 000 §1.15 note 4). Asked after the record is found
 * and visible, so the refusal tells no more than a search would have shown.
 */
export function requireWithinSectorAge(viewer: Viewer, child: Pick<ChildDetails, 'dateOfBirth'>, now: Date): void {
  const verdict = childAgeRules.check(viewer, 'view', { age: ageOn(child.dateOfBirth, now) });
  if (!verdict.allowed) throw childProblems.beyondSectorAge(verdict.reason);
}
