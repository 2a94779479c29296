import { Type } from '@sinclair/typebox';
import type { Queryable } from '../platform/db.js';
import { defineSetting, readSetting } from '../platform/settings.js';

/** Front-line work's per-area settings, declared once with their defaults (ADR 0010). */

export const LEAD_PROFESSIONAL_CRITERIA = defineSetting({
  key: 'assessment.leadProfessionalCriteria',
  feature: 'assessment',
  description: 'The area’s clear criteria for appointing a lead professional (000 §2.18): each is confirmed at appointment',
  schema: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 20 }),
  default: [
    'Has the skills, knowledge and authority to co-ordinate the support',
    'Has a trusting relationship with the child and family',
    'The child and family agree to the appointment',
    'Has the time to act as the single point of contact',
  ],
});

export const ACKNOWLEDGE_WITHIN_DAYS = defineSetting({
  key: 'assessment.acknowledgeWithinDays',
  feature: 'assessment',
  description: 'Days a receiving service has to acknowledge a referral before it shows as overdue (004 para 202)',
  schema: Type.Integer({ minimum: 1, maximum: 30 }),
  default: 3,
});

export const REVIEW_EVERY_WEEKS = defineSetting({
  key: 'assessment.reviewEveryWeeks',
  feature: 'assessment',
  description: 'Weeks after the last review (or the start of the episode) at which the team around the child is due to review progress again',
  schema: Type.Integer({ minimum: 1, maximum: 52 }),
  default: 12,
});

export const SIBLING_ASSESSMENT_MONTHS = defineSetting({
  key: 'assessment.siblingAssessmentMonths',
  feature: 'assessment',
  description:
    'Months after closing that a brother’s or sister’s common assessment is still shown when one is started for a child of the same household (004 para 198)',
  schema: Type.Integer({ minimum: 1, maximum: 60 }),
  default: 12,
});

/** The area's criteria for a lead professional and its days to acknowledge a referral, in force on `day` (the clock's today). Reads only. */
export async function leadProfessionalCriteria(
  db: Queryable,
  areaCode: string,
  day: string,
): Promise<{ criteria: string[]; acknowledgeWithinDays: number }> {
  const criteria = await readSetting(db, areaCode, LEAD_PROFESSIONAL_CRITERIA, day);
  const acknowledgeWithinDays = await readSetting(db, areaCode, ACKNOWLEDGE_WITHIN_DAYS, day);
  return { criteria, acknowledgeWithinDays };
}
