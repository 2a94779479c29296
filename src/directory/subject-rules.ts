import { defineSubjectRules, refuse, type Caller } from '../platform/subject-policy.js';

/**
 * Who keeps a directory entry up to date (issue 17 item 1; ADR 0026; subject rules, ADR 0009). The
 * route policy (`directory.entries`) lets the area administrator and front-line staff ask at all;
 * this rule says whose entry: the area administrator any entry of the area, on the provider's
 * behalf; a practitioner or practice manager only an entry whose provider (`area_service.
 * organisation_id`) is their own organisation. A provider outside the partnership (a name, no
 * organisation) has no staff signed in, so only the area administrator keeps its entry.
 */

/** What the rule needs of a service: its area and the partner that provides it. */
export interface EntryFacts {
  name: string;
  areaCode: string;
  organisationId: string | null;
  organisationName: string | null;
}

const OTHER_AREA = 'This service is in another area’s directory: only that area and its providers keep its entry.';

const notYours = (caller: Caller, s: EntryFacts) =>
  s.organisationId === null
    ? `${s.name} is not provided by a partner organisation, so only the area administrator keeps its entry.`
    : `${s.name} is provided by ${s.organisationName ?? 'another organisation'}, not ${caller.organisationName}: only its own staff or the area administrator keep its entry.`;

export const entryRules = defineSubjectRules<EntryFacts, { keep: true }>('directory entry', (allow) => [
  allow(['area_admin'], 'keep', (caller, s) => caller.areaCode === s.areaCode || refuse(OTHER_AREA)),
  allow(['practitioner', 'practice_manager'], 'keep', (caller, s) => {
    if (caller.areaCode !== s.areaCode) return refuse(OTHER_AREA);
    return (s.organisationId !== null && s.organisationId === caller.organisationId) || refuse(notYours(caller, s));
  }),
]);
