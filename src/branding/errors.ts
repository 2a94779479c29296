import { defineProblem } from '../platform/errors.js';

/** The branding feature's refusals, each declared once. */
export const brandingProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  noLogo: defineProblem(404, 'not_found', 'Page not found'),
};
