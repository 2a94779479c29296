import { defineSubjectRules, refuse, type Caller } from '../platform/subject-policy.js';

/**
 * The child index's subject rules (platform/subject-policy.ts, ADR 0009): who may see a particular
 * child record, and what of a particular involvement. Services check them before a record leaves;
 * lists filter by the same rule in SQL (records/repository.ts `visibleSql`, its twin).
 */

/** What the view rule needs to know of a child: whether, and by which organisation, it is shielded. */
export interface ChildFacts {
  shielded: { organisationId: string } | null;
}

export const childRules = defineSubjectRules<ChildFacts, { view: true; export: true }>('child', (allow) => [
  // Domain brief §3, ADR 0005: a shielded record reaches only the organisation that shielded it and
  // designated safeguarding leads; to everyone else it does not exist.
  allow(
    'any',
    'view',
    (caller, child) => !child.shielded || child.shielded.organisationId === caller.organisationId || caller.designatedSafeguarding,
  ),
  // A shielded record leaves the area (a portable assessment) only by a designated safeguarding lead's hand.
  allow('any', 'export', (caller, child) => !child.shielded || caller.designatedSafeguarding),
]);

/** What the masking rule needs to know of an involvement. */
export interface InvolvementFacts {
  sensitive: boolean;
  organisationId: string;
}

export const involvementRules = defineSubjectRules<InvolvementFacts, { 'see service': true }>('involvement', (allow) => [
  // Domain brief §3: sensitive services are recorded without revealing their nature; anyone outside
  // the organisation providing one sees that a service is involved and whom to contact.
  allow('any', 'see service', (caller, involvement) => !involvement.sensitive || involvement.organisationId === caller.organisationId),
]);

/**
 * 000 §1.15 note 4: for probation, police and YOTs the children's trust arrangements apply only up to
 * the age of 17, so their practitioners' duty covers children under 18 (organisation.sector).
 */
const UNDER_18_SECTORS: readonly string[] = ['police', 'probation', 'youth offending'];
const SECTOR_AGE_LIMIT = 18;

/** The age from which the caller's sector has no duty to a young person, or null where the whole index's age scope applies. */
export function sectorAgeLimit(caller: Caller): number | null {
  return UNDER_18_SECTORS.includes(caller.organisationSector) ? SECTOR_AGE_LIMIT : null;
}

/** What the age rule needs to know of a child: their age in whole years today. */
export interface ChildAgeFacts {
  age: number;
}

export const childAgeRules = defineSubjectRules<ChildAgeFacts, { view: true }>('child by age', (allow) => [
  // Searches leave these young people out by the same limit (search/repository.ts, its twin).
  allow('any', 'view', (caller, child) => {
    const limit = sectorAgeLimit(caller);
    return (
      limit === null ||
      child.age < limit ||
      refuse(
        `This young person is ${child.age}. Police, probation and youth offending practitioners work with children under ${limit} ` +
          `through the index (000 §1.15 note 4: for these services the arrangements apply only up to the age of 17).`,
      )
    );
  }),
]);
