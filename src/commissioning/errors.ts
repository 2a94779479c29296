import { defineProblem } from '../platform/errors.js';

/** Commissioning's refusals, each declared once. */
export const commissioningProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  notBudgetHolder: defineProblem(403, 'not_budget_holder', 'You do not have permission to book on this fund'),
  conflict: defineProblem(409, 'conflict', 'There is a problem'),
};
