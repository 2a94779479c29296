import { defineProblem } from '../../platform/errors.js';

/** The section 11 audits' refusals, each declared once. */
export const section11Problems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  noLscb: defineProblem(409, 'no_lscb', 'The area has no Local Safeguarding Children Board'),
  noAgencies: defineProblem(409, 'no_section11_agencies', 'There is a problem'),
  notChairOrSecretariat: defineProblem(403, 'not_chair_or_secretariat', 'Only the LSCB’s chair or secretariat can do this'),
  submitted: defineProblem(409, 'section11_audit_submitted', 'This audit is submitted'),
  notSubmitted: defineProblem(409, 'section11_audit_not_submitted', 'This audit is not submitted'),
  noChallenge: defineProblem(409, 'section11_no_challenge', 'The LSCB has not challenged this audit'),
};
