import type { ChildRecordPanel } from '../children/index.js';
import type { Queryable } from '../platform/db.js';
import { can } from '../platform/policy.js';
import { assessmentsOfChild } from './work/repository.js';
import type { ChildAssessments } from './types.js';

/** What the front line shows on a child's record: the level of need and the common assessments (domain brief §4). */
export interface AssessmentChildPanel {
  frontLine: ChildAssessments;
  openAssessment: ChildAssessments['assessments'][number] | undefined;
  /** Whether the viewer may open assessments and start one (links to them are offered). */
  canAssess: boolean;
}

/** The front line's panel on the child record page (children/hooks.ts, ChildRecordPanel). */
export function assessmentChildPanel(db: Queryable): ChildRecordPanel<AssessmentChildPanel> {
  return {
    template: 'assessment/views/child-panel.njk',
    async load(childId, viewer) {
      const frontLine = await assessmentsOfChild(db, childId);
      return {
        frontLine,
        openAssessment: frontLine.assessments.find((a) => a.status === 'open'),
        canAssess: can(viewer, 'assessments.work'),
      };
    },
  };
}
