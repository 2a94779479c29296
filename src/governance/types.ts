import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../platform/enums.js';

/**
 * Partnership governance (issue 16): the bodies of an area, their terms of reference and powers, their
 * members, the named roles of the area and the links to other partnerships. Each closed list is one
 * enumeration, held to its CHECK in migration 0043 (test/platform/enums-check.test.ts).
 */

/** 000 §1.8-1.11, §2.7-2.10; 004 paras 80-84: the kinds of body an area's arrangements have. */
export const BODY_KINDS = defineEnum(['trust_board', 'sub_group', 'chief_officers_group', 'lscb']);
export type BodyKind = EnumValue<typeof BODY_KINDS>;
export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  trust_board: 'Children’s trust board',
  sub_group: 'Sub-group',
  chief_officers_group: 'Chief officers’ group',
  lscb: 'Local Safeguarding Children Board',
};

/** A sub-group's focus: a theme (an outcome, a service) or a locality (000 §1.8). */
export const SUB_GROUP_FOCUSES = defineEnum(['thematic', 'locality']);
export type SubGroupFocus = EnumValue<typeof SUB_GROUP_FOCUSES>;

/**
 * The quorum of a version of the terms (ADR 0022): a number of voting members present, or a fraction of
 * the voting members seated on the day, rounded up (quorumNeeded).
 */
export const QUORUM_KINDS = defineEnum(['count', 'fraction']);
export type QuorumKind = EnumValue<typeof QUORUM_KINDS>;

/** 004 para 89: boards decide by consensus, by vote, or (Table 2.3 Example 3) unanimously. */
export const DECISION_METHODS = defineEnum(['consensus', 'majority_vote', 'unanimous']);
export type DecisionMethod = EnumValue<typeof DECISION_METHODS>;
export const DECISION_METHOD_LABELS: Record<DecisionMethod, string> = {
  consensus: 'By consensus',
  majority_vote: 'By a majority vote of the voting members present',
  unanimous: 'Unanimously (otherwise referred back to the partners)',
};

/** 004 Tables 2.2-2.3: a power is advisory or delegated, strategic or operational. */
export const POWER_AUTHORITIES = defineEnum(['advisory', 'delegated']);
export type PowerAuthority = EnumValue<typeof POWER_AUTHORITIES>;
export const POWER_LEVELS = defineEnum(['strategic', 'operational']);
export type PowerLevel = EnumValue<typeof POWER_LEVELS>;

/**
 * A member's role in a body (ADR 0022): the chair, vice-chair and members vote; an adviser (non-voting,
 * co-opted or in attendance) and the secretariat do not. The chair and the secretariat manage meetings.
 */
export const MEMBER_ROLES = defineEnum(['chair', 'vice_chair', 'member', 'adviser', 'secretariat']);
export type MemberRole = EnumValue<typeof MEMBER_ROLES>;
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  adviser: 'Adviser (non-voting)',
  secretariat: 'Secretariat (non-voting)',
};
export const VOTING_ROLES: readonly MemberRole[] = ['chair', 'vice_chair', 'member'];

/** 000 §1.10, §2.57: the statutory roles every area names. */
export const NAMED_ROLES = defineEnum(['director_childrens_services', 'lead_member']);
export type NamedRole = EnumValue<typeof NAMED_ROLES>;
export const NAMED_ROLE_LABELS: Record<NamedRole, string> = {
  director_childrens_services: 'Director of Children’s Services',
  lead_member: 'Lead Member for children’s services',
};

/** 001 §3.2, 000 §2.64: the other partnerships a trust links with. */
export const PARTNERSHIP_KINDS = defineEnum(['local_strategic_partnership', 'crime_disorder_reduction_partnership', '14_19_partnership', 'other']);
export type PartnershipKind = EnumValue<typeof PARTNERSHIP_KINDS>;
export const PARTNERSHIP_KIND_LABELS: Record<PartnershipKind, string> = {
  local_strategic_partnership: 'Local strategic partnership',
  crime_disorder_reduction_partnership: 'Crime and disorder reduction partnership',
  '14_19_partnership': '14-19 partnership',
  other: 'Other partnership',
};

/** What a user may do with a body's business (governance/access.ts, ADR 0022). */
export const BUSINESS_ACCESS = defineEnum(['none', 'observer', 'member', 'chair', 'secretariat']);
export type BusinessAccess = EnumValue<typeof BUSINESS_ACCESS>;

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const NullableDay = Type.Union([Day, Type.Null()]);
const NullableId = Type.Union([Id, Type.Null()]);

export const BodySchema = Type.Object({
  id: Id,
  areaCode: Type.String(),
  kind: BODY_KINDS.schema(),
  name: Type.String(),
  parentBodyId: NullableId,
  parentBodyName: Type.Union([Type.String(), Type.Null()]),
  focus: Type.Union([SUB_GROUP_FOCUSES.schema(), Type.Null()]),
  remit: Type.String(),
  establishedOn: Day,
  closedOn: NullableDay,
});
export type Body = Static<typeof BodySchema>;

export const PowerSchema = Type.Object({
  id: Id,
  position: Type.Integer(),
  description: Type.String(),
  authority: POWER_AUTHORITIES.schema(),
  level: POWER_LEVELS.schema(),
  referBack: Type.Boolean({ description: 'A decision under it must be referred back to the partner agencies' }),
});
export type Power = Static<typeof PowerSchema>;

export const TermsSchema = Type.Object({
  id: Id,
  bodyId: Id,
  version: Type.Integer(),
  effectiveFrom: Day,
  reviewOn: Day,
  /** The first day of the next version, when there is one: these terms were superseded then. */
  supersededOn: NullableDay,
  purpose: Type.String(),
  membership: Type.String(),
  quorumKind: QUORUM_KINDS.schema(),
  quorumCount: Type.Union([Type.Integer(), Type.Null()]),
  quorumNumerator: Type.Union([Type.Integer(), Type.Null()]),
  quorumDenominator: Type.Union([Type.Integer(), Type.Null()]),
  decisionMethod: DECISION_METHODS.schema(),
  powers: Type.Array(PowerSchema),
});
export type Terms = Static<typeof TermsSchema>;

export const MemberSchema = Type.Object({
  id: Id,
  bodyId: Id,
  personName: Type.String(),
  userId: NullableId,
  positionTitle: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  organisationId: NullableId,
  organisationName: Type.Union([Type.String(), Type.Null()]),
  organisationSector: Type.Union([Type.String(), Type.Null()]),
  constituency: Type.String({ description: 'Whom the member speaks for when not a partner organisation, e.g. young people' }),
  memberRole: MEMBER_ROLES.schema(),
  canCommitResources: Type.Boolean(),
  deputyName: Type.String(),
  deputyUserId: NullableId,
  reportsBack: Type.String(),
  fromDate: Day,
  toDate: NullableDay,
});
export type Member = Static<typeof MemberSchema>;

export const NamedRoleHolderSchema = Type.Object({
  id: Id,
  role: NAMED_ROLES.schema(),
  personName: Type.String(),
  userId: NullableId,
  fromDate: Day,
  toDate: NullableDay,
});
export type NamedRoleHolder = Static<typeof NamedRoleHolderSchema>;

export const PartnershipLinkSchema = Type.Object({
  id: Id,
  bodyId: Id,
  bodyName: Type.String(),
  partnershipKind: PARTNERSHIP_KINDS.schema(),
  partnershipName: Type.String(),
  sends: Type.String({ description: 'What the body passes to the other partnership' }),
  receives: Type.String({ description: 'What the body receives from it' }),
  fromDate: Day,
  toDate: NullableDay,
});
export type PartnershipLink = Static<typeof PartnershipLinkSchema>;

/** 004 Table 2.5: who sits on a body on a day, by sector (or constituency), and how many members of each. */
export const MembershipShapeSchema = Type.Object({
  bodyId: Id,
  asAt: Day,
  rows: Type.Array(Type.Object({ represents: Type.String(), members: Type.Integer() })),
  total: Type.Integer(),
});
export type MembershipShape = Static<typeof MembershipShapeSchema>;
