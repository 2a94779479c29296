import { defineProblem } from '../platform/errors.js';

/** Partnership's problems, each declared once: its status, stable code and title. */
export const partnershipProblems = {
  /** An area with that ONS code is already set up (names the field `code`). */
  areaExists: defineProblem(409, 'area_exists', 'There is a problem'),
  /** Another partner of the area has that name (names the field `name`). */
  partnerNameTaken: defineProblem(409, 'partner_name_taken', 'There is a problem'),
  /** Users, involvements or other records point at the partner: it can be closed, not deleted. */
  partnerHoldsRecords: defineProblem<{ organisationId: string }>(409, 'partner_holds_records', 'There is a problem'),
  /** The partner was closed already. */
  partnerClosed: defineProblem(409, 'partner_closed', 'There is a problem'),
};
