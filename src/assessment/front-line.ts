import type { User } from '../platform/auth/repository.js';
import type { Queryable } from '../platform/db.js';
import { callerOf } from '../platform/subject-policy.js';
import * as repo from './repository.js';
import { assessmentRules, childFrontLineRules, type ChildFrontLineFacts, type FrontLineBasis } from './subject-rules.js';
import * as teamRepo from './team/repository.js';
import type { ChildAssessments } from './types.js';
import { assessmentsOfChild } from './work/repository.js';

/**
 * The front line of a child as one viewer may see it (subject-rules.ts childFrontLineRules; 003
 * §2.39, 004 Box 6.1): the level of need and the common assessments reach the team around the child
 * and those the family's consent covers; anyone else is told they are withheld and why. Nothing
 * withheld leaves this module.
 */
export type ShownFrontLine =
  | { shown: true; basis: FrontLineBasis; frontLine: ChildAssessments; openable: ReadonlySet<string> }
  | { shown: false; withheld: string; frontLine: null };

/** The facts the rule needs: each of the child's episodes in the viewer's area, its team and consents. */
async function loadFacts(db: Queryable, areaCode: string, assessmentIds: readonly string[]): Promise<ChildFrontLineFacts> {
  const episodes = [];
  for (const id of assessmentIds) {
    const assessment = await repo.findAssessment(db, areaCode, id);
    if (!assessment) continue;
    episodes.push({ assessmentId: id, assessment, team: await teamRepo.listTeam(db, id), consents: await repo.listConsents(db, id) });
  }
  return { episodes };
}

export async function frontLineForViewer(db: Queryable, user: User, childId: string): Promise<ShownFrontLine> {
  const frontLine = await assessmentsOfChild(db, childId);
  const facts = await loadFacts(
    db,
    user.areaCode,
    frontLine.assessments.map((a) => a.id),
  );
  const caller = callerOf(user);
  const verdict = childFrontLineRules.check(caller, 'see', facts);
  if (!verdict.allowed) return { shown: false, withheld: verdict.reason, frontLine: null };
  // Seeing that an episode exists is not opening it (a closed episode's team has left): the record offers only what opens.
  const openable = new Set(facts.episodes.filter((e) => assessmentRules.check(caller, 'open', e).allowed).map((e) => e.assessmentId));
  return { shown: true, basis: verdict.basis, frontLine, openable };
}
