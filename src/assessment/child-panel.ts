import type { ChildRecordPanel } from '../children/index.js';
import type { Queryable } from '../platform/db.js';
import { can } from '../platform/policy.js';
import { frontLineForViewer } from './front-line.js';
import type { ChildAssessments } from './types.js';

/**
 * What the front line shows on a child's record: the level of need and the common assessments
 * (domain brief §4), to the team around the child and those the family's consent covers; to anyone
 * else only that they are withheld and why (front-line.ts).
 */
export interface AssessmentChildPanel {
  /** Null when withheld from the viewer. */
  frontLine: ChildAssessments | null;
  /** Why the front line is withheld from the viewer, or null when shown. */
  withheld: string | null;
  openAssessment: ChildAssessments['assessments'][number] | undefined;
  /** Whether the viewer may start work (the checklist, a common assessment). */
  canAssess: boolean;
}

/** The front line's panel on the child record page (children/hooks.ts, ChildRecordPanel). */
export function assessmentChildPanel(db: Queryable): ChildRecordPanel<AssessmentChildPanel> {
  return {
    template: 'assessment/views/child-panel.njk',
    async load(childId, viewer) {
      const shown = await frontLineForViewer(db, viewer, childId);
      return {
        frontLine: shown.frontLine,
        withheld: shown.shown ? null : shown.withheld,
        openAssessment: shown.frontLine?.assessments.find((a) => a.status === 'open'),
        canAssess: can(viewer, 'assessments.work'),
      };
    },
  };
}
