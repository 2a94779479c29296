import { defineSubjectRules, refuse } from '../../platform/subject-policy.js';

/**
 * Who may do what to a contract (ADR 0030, a subject rule of ADR 0009). The route's action lets a role in
 * at all (commissioning.view, .manage, .returns); this narrows it to the contract:
 *
 * - contracts are the area's: another area's is not found (the service checks the area first);
 * - the commissioner (the planner role) manages contracts and may enter any contract's returns;
 * - the provider's own staff (practitioners and practice managers whose organisation is the partner that
 *   provides the contract's service) see that contract's returns and enter them, and no other contract's;
 * - everyone else with commissioning.view reads contracts and returns, and changes nothing.
 */

export interface ContractFacts {
  areaCode: string;
  /** The partner organisation providing the contract's service; null for a provider outside the partnership. */
  providerOrganisationId: string | null;
}

const PROVIDER_STAFF = ['practitioner', 'practice_manager'] as const;
const VIEWERS = ['planner', 'board_member', 'area_admin', 'practice_manager'] as const;
const ownStaff = (organisationId: string, c: ContractFacts) =>
  c.providerOrganisationId !== null && organisationId === c.providerOrganisationId;

export const contractRules = defineSubjectRules<ContractFacts, { manage: true; 'see returns': true; 'enter returns': true }>(
  'commissioning contract',
  (allow) => [
    allow(['planner'], 'manage', (caller, c) => caller.areaCode === c.areaCode),
    allow(VIEWERS, 'see returns', (caller, c) => caller.areaCode === c.areaCode),
    allow(PROVIDER_STAFF, 'see returns', (caller, c) =>
      caller.areaCode === c.areaCode && ownStaff(caller.organisationId, c)
        ? true
        : refuse('Only the provider’s own staff and the commissioning team see this contract’s returns'),
    ),
    allow(['planner'], 'enter returns', (caller, c) => caller.areaCode === c.areaCode),
    allow(PROVIDER_STAFF, 'enter returns', (caller, c) =>
      caller.areaCode === c.areaCode && ownStaff(caller.organisationId, c)
        ? true
        : refuse('Only the provider’s own staff and the commissioner enter this contract’s returns'),
    ),
  ],
);
