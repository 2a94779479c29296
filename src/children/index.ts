import type { FastifyInstance } from 'fastify';
import type { DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { childApiRoutes } from './api.js';
import { childHouseholdApiRoutes } from './api-households.js';
import { indexAccessService } from './authorised-users.js';
import { childPageRoutes } from './routes.js';
import { duplicatesService } from './duplicates/service.js';
import { findLikelyDuplicates } from './duplicates/repository.js';
import { oversightService } from './oversight/service.js';
import { recordAccessService } from './grants/service.js';
import { householdService } from './households/service.js';
import { findChild } from './records/repository.js';
import { childRecordsService } from './records/service.js';
import { insertChild, insertInvolvement, setInvolvementService } from './records/writes.js';
import { childRemovalsService } from './removals/service.js';
import { findShieldedContact } from './settings.js';
import { savedSearchService } from './search/saved.js';
import { childIndexService } from './search/service.js';
import { shieldingService } from './shielding/service.js';
import type { ChildMergeHook, ChildRecordPanel, ChildSubjectAccessSource } from './hooks.js';
import { childWaiting } from './waiting.js';

/**
 * The child index's public face: the only file another feature may import from children/
 * (docs/adr/0011-feature-faces-and-hooks.md).
 */

/**
 * The child index's services, wired to one database and one clock (the time every change and audit
 * entry is stamped with), with what other features do when two records merge (mergeHooks: the
 * front line's records move too).
 */
export function childServices({
  db,
  clock,
  mergeHooks = [],
  subjectAccess = [],
}: {
  db: Db;
  clock: Clock;
  mergeHooks?: readonly ChildMergeHook[];
  /** What other features hold about a child, for the subject access export. */
  subjectAccess?: readonly ChildSubjectAccessSource[];
}) {
  return {
    access: indexAccessService({ db, clock }),
    index: childIndexService({ db, clock }),
    searches: savedSearchService({ db, clock }),
    grants: recordAccessService({ db, clock }),
    records: childRecordsService({ db, clock }),
    removals: childRemovalsService({ db, clock }),
    shielding: shieldingService({ db, clock }),
    duplicates: duplicatesService({ db, clock, mergeHooks }),
    oversight: oversightService({ db, clock, subjectAccess }),
    /** Households: children linked as one family (issue 14, families and siblings; ADR 0017). */
    households: householdService({ db, clock }),
    /** The child index's work waiting for a user, counted (the home page, issue 14). */
    waitingFor: childWaiting({ db, clock }),
  };
}

export type ChildServices = ReturnType<typeof childServices>;

export { EXTENDED_SCOPES_USED, findShieldedContact, SHIELDED_CONTACT } from './settings.js';
export { EXTENDED_SCOPES, type ExtendedScopeValue } from './types.js';
export type {
  ChildMerge,
  ChildMergeHook,
  ChildRecordPanel,
  ChildSubjectAccessSource,
  LoadedChildRecordPanel,
  MovedRows,
  SubjectAccessSection,
} from './hooks.js';
/** The child index's problems: a merge hook refuses with one of these, so the merge route's OpenAPI list names it. */
export { childProblems } from './errors.js';

/** Reading a child record; what of it a caller may see is the child index's subject rules' to say. */
export const childRepo = { findChild, findShieldedContact };
export { childRules, involvementRules, type ChildFacts, type InvolvementFacts } from './subject-rules.js';

/** The child index's writes other features make in their own transaction (a new child, an involvement). */
export const childWrites = { insertChild, insertInvolvement, setInvolvementService };

export { findLikelyDuplicates, insertInvolvement };
export { checkReason, viewerOf } from './search/service.js';
/** The children an audit trail names, as its reader may see them (the auditor's trail, issue 14). */
export { findChildNames, type ChildNameOf } from './oversight/names.js';
export { visibleChild } from './records/service.js';
/** A child's household as a viewer may see it (walked through visible children only, ADR 0017), for the front line's family pages. */
export {
  householdUnderGrant,
  RELATIONSHIP_LABELS,
  visibleHousehold,
  type HouseholdLink,
  type HouseholdMember,
  type VisibleHousehold,
} from './households/service.js';
/** The 'view' rule's SQL twin, for another feature's counts of children ($2 the organisation, $3 designated safeguarding). */
export { visibleSql as childVisibleSql } from './records/repository.js';
export { checkDateInput, validateChild, type ValidChild } from './input.js';
export type { ChildDetails, Viewer } from './types.js';
export type { NewInvolvement } from './records/writes.js';
export { importChildren, type ImportProgress, type ImportReport } from './import/service.js';
export { fmt as childFormat } from './routes-forms.js';

/** Every page and API route of the child index, registered by app.ts as one plugin; panels are what other features show on a record. */
export async function childRoutes(
  app: FastifyInstance,
  options: { children: ChildServices; partnership: PartnershipService; directory: DirectoryService; panels?: readonly ChildRecordPanel[] },
): Promise<void> {
  // One check at the index's entry, for every route below (children/authorised-users.ts): after the
  // role's check and the CSRF check, before the request is validated or anything about a child read.
  app.addHook('preValidation', async (request) => {
    if (request.auth) await options.children.access.check(request.auth);
  });
  await app.register(childApiRoutes, options);
  await app.register(childHouseholdApiRoutes, options);
  await app.register(childPageRoutes, options);
}
export type { InvolvedPractitionerInput } from './records/service.js';
