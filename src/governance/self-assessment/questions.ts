import { defineEnum, type EnumValue } from '../../platform/enums.js';

/**
 * The Audit Commission's seven questions for a children's trust board's self-assessment, in the
 * words of seed 001 §2 (NCVYS briefing, 2008: the self-assessment tool of "Are we there yet?").
 * Their order is the seed's.
 */
export const SELF_ASSESSMENT_QUESTIONS = defineEnum([
  'outcomes_focus',
  'use_of_resources',
  'partner_roles',
  'stakeholders',
  'capacity_building',
  'good_governance',
  'risks_and_controls',
]);
export type SelfAssessmentQuestion = EnumValue<typeof SELF_ASSESSMENT_QUESTIONS>;

export const QUESTION_WORDS: Record<SelfAssessmentQuestion, string> = {
  outcomes_focus: 'How far does the children’s trust focus on improving outcomes for local children and young people?',
  use_of_resources: 'How does the board oversee the effective use of resources?',
  partner_roles: 'What are the roles of the children’s trust partners in delivering improvement?',
  stakeholders: 'How does the board effectively consult, engage with, and involve key stakeholders?',
  capacity_building: 'How does the board support local capacity building and capability development?',
  good_governance: 'How are good governance and the principles of public life demonstrated by the board?',
  risks_and_controls: 'How does the board manage risks and exercise proper controls?',
};

/**
 * The rating scale: four points, lowest first, so a change between years reads as a rise or a fall.
 * The seed gives the questions but not a scale; four points leave no middle to sit on.
 */
export const SELF_ASSESSMENT_RATINGS = defineEnum(['not_in_place', 'developing', 'established', 'embedded']);
export type SelfAssessmentRating = EnumValue<typeof SELF_ASSESSMENT_RATINGS>;

export const RATING_WORDS: Record<SelfAssessmentRating, { label: string; hint: string }> = {
  not_in_place: { label: 'Not yet in place', hint: 'The board cannot yet show this' },
  developing: { label: 'Developing', hint: 'Started, with gaps the board knows of' },
  established: { label: 'Established', hint: 'In place and working, with evidence' },
  embedded: { label: 'Embedded', hint: 'Working well across the partnership and checked' },
};

export const SELF_ASSESSMENT_STATUSES = defineEnum(['draft', 'agreed']);
export type SelfAssessmentStatus = EnumValue<typeof SELF_ASSESSMENT_STATUSES>;

/** A year as the pages name it: 2025 is "2025 to 2026" (GOV.UK style for a financial year). */
export const yearWords = (year: number): string => `${year} to ${year + 1}`;

/** How one question's rating changed from one year to the next, in words (never colour alone). */
export function ratingChange(before: SelfAssessmentRating | null, after: SelfAssessmentRating | null): { kind: 'up' | 'down' | 'same' | 'unknown'; words: string } {
  if (before === null || after === null) {
    return { kind: 'unknown', words: before === null && after === null ? 'Not rated in either year' : 'Not rated in one of the years' };
  }
  const from = SELF_ASSESSMENT_RATINGS.values.indexOf(before);
  const to = SELF_ASSESSMENT_RATINGS.values.indexOf(after);
  if (to > from) return { kind: 'up', words: `Improved from ${RATING_WORDS[before].label} to ${RATING_WORDS[after].label}` };
  if (to < from) return { kind: 'down', words: `Fell from ${RATING_WORDS[before].label} to ${RATING_WORDS[after].label}` };
  return { kind: 'same', words: 'No change' };
}
