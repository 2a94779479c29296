import { defineProblem } from '../platform/errors.js';

/** Governance's refusals, each declared once (issue 16). Meetings, interests and section 11 add theirs beside these. */
export const governanceProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  /** ADR 0022: a body's business is its members', chair's and secretariat's (the LSCB's its own alone). */
  notInBody: defineProblem<{ bodyId: string }>(403, 'not_in_body', 'You do not have permission to see this'),
  /** The same person seated twice on a body over the same days. */
  alreadyMember: defineProblem<{ memberId: string }>(409, 'already_member', 'There is a problem'),
  /** Another person holds the named role over the same days. */
  roleHeld: defineProblem(409, 'named_role_held', 'There is a problem'),
  /** A body of a kind the area may have only one of (the board, the LSCB). */
  bodyExists: defineProblem(409, 'body_exists', 'There is a problem'),
};
