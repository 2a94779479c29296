import { defineProblem } from '../platform/errors.js';

/** The plan's refusals, each declared once. */
export const planProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  conflict: defineProblem(409, 'conflict', 'There is a problem'),
  /** Publishing refused while a required section is incomplete (002 §7.3): the blockers say which and why. */
  notReady: defineProblem<{ blockers: { sectionKind: string; reason: string }[] }>(409, 'plan_not_ready', 'The plan cannot be published yet'),
};
