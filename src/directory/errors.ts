import { defineProblem } from '../platform/errors.js';

/** The directory's refusals, each declared once. */
export const directoryProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  nameTaken: defineProblem(409, 'service_name_taken', 'There is a problem'),
  closed: defineProblem(409, 'service_closed', 'This service is closed'),
  notKeeper: defineProblem(403, 'not_provider', 'You cannot change this entry'),
};
