import { defineProblem } from '../../platform/errors.js';

/** The self-assessment's refusals, each declared once. */
export const selfAssessmentProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  noBoard: defineProblem(409, 'no_trust_board', 'The area has no children’s trust board'),
  yearTaken: defineProblem(409, 'self_assessment_year_taken', 'There is a problem'),
  agreed: defineProblem(409, 'self_assessment_agreed', 'This self-assessment is agreed'),
  notMember: defineProblem(403, 'not_member', 'Only the board’s members take part'),
  notChairOrSecretariat: defineProblem(403, 'not_chair_or_secretariat', 'Only the chair or the secretariat can do this'),
};
