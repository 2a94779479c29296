import type { Caller } from '../platform/subject-policy.js';

/** The child index's domain types: what services return and routes show. */

export type Gender = 'female' | 'male' | 'other' | 'unknown';
export type ExtendedScopeValue = 'young adult' | 'care leaver' | 'learning difficulty or disability';

/** Who is looking, as the index's rules need to know them: the caller of the subject rules (subject-rules.ts). */
export type Viewer = Caller;

export interface ChildName {
  id: string;
  kind: 'current' | 'previous' | 'alternative';
  givenName: string;
  familyName: string;
}

export interface Carer {
  id: string;
  name: string;
  relationship: string;
  phone: string;
  email: string;
  hasParentalResponsibility: boolean | null;
}

export interface Involvement {
  id: string;
  service: string;
  organisationId: string;
  organisationName: string;
  practitionerUserId: string | null;
  practitionerName: string;
  role: string;
  phone: string;
  email: string;
  sensitive: boolean;
  startedOn: string;
  endedOn: string | null;
}

/** An involvement as a viewer outside a sensitive service sees it: who to contact, not what it is. */
export type ShownInvolvement =
  | (Involvement & { masked: false })
  | { masked: true; id: string; practitionerName: string; phone: string; email: string; startedOn: string; endedOn: string | null };

export interface ChildDetails {
  id: string;
  areaCode: string;
  nhsNumber: string | null;
  upn: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  gender: Gender;
  addressLine1: string;
  addressLine2: string;
  town: string;
  postcode: string;
  school: string;
  gpPractice: string;
  extendedScope: ExtendedScopeValue | null;
  shielded: { at: Date; organisationId: string; organisationName: string } | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  names: ChildName[];
  carers: Carer[];
  involvements: Involvement[];
}

/** A record as a service hands it to a caller: its involvements already masked for them (subject-rules.ts). */
export type ShownChild = Omit<ChildDetails, 'involvements'> & { involvements: ShownInvolvement[] };

/** A search result: enough to tell children apart, and no more. */
export interface ChildSummary {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  town: string;
  postcodeDistrict: string;
  /** 0 to 1: how well the record matches what was searched for. */
  matchQuality: number;
}

/** One record of a likely duplicate pair, as the review queue names it: enough to tell them apart. */
export interface DuplicateRecord {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

/** A pair of records waiting for a practice manager to merge or keep apart. */
export interface PendingDuplicate {
  id: string;
  score: number;
  reasons: string;
  foundAt: Date;
  child: DuplicateRecord;
  other: DuplicateRecord;
}

/** One page of the review queue, oldest first, with how many pairs wait in all. */
export interface PendingDuplicatesPage {
  items: PendingDuplicate[];
  total: number;
  page: number;
  pageSize: number;
}
