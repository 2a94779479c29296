import { defineProblem } from '../platform/errors.js';

/** The demo's problems (operator commands: `ctp demo load`, `ctp demo totp`), each declared once. */
export const demoProblems = {
  inProduction: defineProblem(400, 'demo_in_production', 'Refused'),
  /** Two-factor codes are shown only for the published demo users, never for a real account. */
  notDemoUser: defineProblem(403, 'not_demo', 'Refused'),
  /** A board member or planner has no code: they sign in with the password alone. */
  noCodeNeeded: defineProblem(400, 'no_code_needed', 'No code needed'),
  noSuchUser: defineProblem(404, 'not_found', 'Not found'),
};
