/**
 * The board's self-assessment (issue 16 item 7): the Audit Commission's seven questions (001 §2), each
 * answered with a rating and evidence, agreed by the chair or secretariat, compared year on year.
 * Owns board_self_assessment and board_self_assessment_answer (migration 0045).
 */
export { selfAssessmentService, type SelfAssessmentService } from './service.js';
export { selfAssessmentRoutes } from './routes.js';
export { selfAssessmentProblems } from './errors.js';
export { SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_RATINGS, SELF_ASSESSMENT_STATUSES, QUESTION_WORDS, RATING_WORDS } from './questions.js';
