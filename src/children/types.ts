import type { Caller } from '../platform/subject-policy.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../platform/enums.js';
import { IsoDate, Nullable, Timestamp, Uuid } from '../platform/schema.js';

/**
 * The child index's domain types: what services return and routes show. Each entity is one TypeBox
 * schema and its type is `Static<>` of it (docs/adr/0008-row-types.md); the API's response schemas,
 * the input types and the synthetic generator pick their fields from these, never re-declare them.
 */

// ---- Enumerations, each held to its column by a CHECK (test/platform/enums-check.test.ts) ------------

export const GENDERS = defineEnum(['female', 'male', 'other', 'unknown']);
export type Gender = EnumValue<typeof GENDERS>;
export const EXTENDED_SCOPES = defineEnum(['young adult', 'care leaver', 'learning difficulty or disability']);
export type ExtendedScopeValue = EnumValue<typeof EXTENDED_SCOPES>;
export const NAME_KINDS = defineEnum(['current', 'previous', 'alternative']);
export const SHIELDING_ACTIONS = defineEnum(['shield', 'unshield']);
export const SHIELDING_DECISIONS = defineEnum(['approved', 'rejected']);
export const DUPLICATE_STATUSES = defineEnum(['pending', 'merged', 'kept apart']);
export const ACCESS_REVIEW_OUTCOMES = defineEnum(['appropriate', 'referred for investigation']);
/** How two children of one household are related (issue 14, families and siblings; household_link.relationship). */
export const HOUSEHOLD_RELATIONSHIPS = defineEnum(['sibling', 'half-sibling', 'step-sibling', 'other household member']);
export type HouseholdRelationship = EnumValue<typeof HOUSEHOLD_RELATIONSHIPS>;

// ---- Entities ---------------------------------------------------------------------------------------

/** A person's name as the index records it. */
export const PersonName = Type.Object({ givenName: Type.String(), familyName: Type.String() });
export type PersonName = Static<typeof PersonName>;

/**
 * A child's basic data: what a form, the API or an import records about a child, and the child
 * row's columns of the same names (snake_case).
 */
export const ChildBasicData = Type.Composite([
  Type.Object({ nhsNumber: Nullable(Type.String()), upn: Nullable(Type.String()) }),
  PersonName,
  Type.Object({
    dateOfBirth: IsoDate,
    gender: GENDERS.schema(),
    addressLine1: Type.String(),
    addressLine2: Type.String(),
    town: Type.String(),
    postcode: Type.String(),
    school: Type.String(),
    gpPractice: Type.String(),
    extendedScope: Nullable(EXTENDED_SCOPES.schema()),
  }),
]);
export type ChildBasicData = Static<typeof ChildBasicData>;

const BASIC_DATA_FIELDS = Object.keys(ChildBasicData.properties) as (keyof ChildBasicData)[];

/** A child's basic data alone, out of a fuller record (the API's record and the edit form start from it). */
export const basicDataOf = (child: ChildBasicData): ChildBasicData =>
  Object.fromEntries(BASIC_DATA_FIELDS.map((field) => [field, child[field]])) as ChildBasicData;

export const ChildName = Type.Composite([Type.Object({ id: Uuid, kind: NAME_KINDS.schema() }), PersonName]);
export type ChildName = Static<typeof ChildName>;

/** How to reach a parent or carer. */
export const CarerContact = Type.Object({ name: Type.String(), relationship: Type.String(), phone: Type.String(), email: Type.String() });
export type CarerContact = Static<typeof CarerContact>;

export const Carer = Type.Composite([
  Type.Object({ id: Uuid }),
  CarerContact,
  Type.Object({ hasParentalResponsibility: Nullable(Type.Boolean()) }),
]);
export type Carer = Static<typeof Carer>;

export const Involvement = Type.Object({
  id: Uuid,
  service: Type.String({ description: 'The service’s name on the area’s list now (as recorded when it names none)' }),
  /** The service of the area's list (GET /api/services); null for whoever added the child when their job title names no service. */
  serviceId: Nullable(Uuid),
  organisationId: Uuid,
  organisationName: Type.String(),
  practitionerUserId: Nullable(Uuid),
  practitionerName: Type.String(),
  role: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  sensitive: Type.Boolean(),
  startedOn: IsoDate,
  endedOn: Nullable(IsoDate),
});
export type Involvement = Static<typeof Involvement>;

/** What anyone who may see the record sees of an involvement: who to contact, not what it is. */
export const InvolvementContact = Type.Pick(Involvement, ['id', 'practitionerName', 'phone', 'email', 'startedOn', 'endedOn']);

/** An involvement as a viewer outside a sensitive service sees it: who to contact, not what it is. */
export type ShownInvolvement = (Involvement & { masked: false }) | (Static<typeof InvolvementContact> & { masked: true });

/** Who is looking, as the index's rules need to know them: the caller of the subject rules (subject-rules.ts). */
export type Viewer = Caller;

export interface ChildDetails extends ChildBasicData {
  id: string;
  areaCode: string;
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
/** Why a search result matched (issue 14, bug 4), in the words the page shows. */
export const MATCH_REASONS = [
  'exact',
  'previous name',
  'other name',
  'sounds like',
  'part of the name',
  'nickname',
  'similar spelling',
  'NHS number',
  'Unique Pupil Number',
  'date of birth or postcode',
] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export const ChildSummary = Type.Composite([
  Type.Object({ id: Uuid }),
  Type.Pick(ChildBasicData, ['givenName', 'familyName', 'dateOfBirth', 'town']),
  Type.Object({
    postcodeDistrict: Type.String({ description: 'Outward part of the postcode only' }),
    /** 0 to 1: how well the record matches what was searched for. */
    matchQuality: Type.Number({ minimum: 0, maximum: 1 }),
    matchedOn: Type.Array(Type.Union(MATCH_REASONS.map((r) => Type.Literal(r))), {
      description: 'Why the record matched: exact, a previous or other name, sounds like, a nickname, similar spelling, an identifier',
    }),
  }),
]);
export type ChildSummary = Static<typeof ChildSummary>;

/** One record of a likely duplicate pair, as the review queue names it: enough to tell them apart. */
export const DuplicateRecord = Type.Pick(ChildSummary, ['id', 'givenName', 'familyName', 'dateOfBirth']);
export type DuplicateRecord = Static<typeof DuplicateRecord>;

/** A pair of records waiting for a practice manager to merge or keep apart. */
export const PendingDuplicate = Type.Object({
  id: Uuid,
  score: Type.Number({ minimum: 0, maximum: 1, description: 'How alike the two records are' }),
  reasons: Type.String(),
  foundAt: Timestamp,
  child: DuplicateRecord,
  other: DuplicateRecord,
});
export type PendingDuplicate = Static<typeof PendingDuplicate>;

/** One page of the review queue, oldest first, with how many pairs wait in all. */
export interface PendingDuplicatesPage {
  items: PendingDuplicate[];
  total: number;
  page: number;
  pageSize: number;
}
