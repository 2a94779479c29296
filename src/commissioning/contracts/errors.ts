import { defineProblem } from '../../platform/errors.js';

/** Contracts' refusals, each declared once. */
export const contractProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  notCommissioner: defineProblem(403, 'not_commissioner', 'Only the commissioner can do this'),
  notProviderStaff: defineProblem(403, 'not_provider_staff', 'You cannot enter this contract’s returns'),
  decommissioned: defineProblem(409, 'contract_decommissioned', 'This contract is decommissioned'),
};
