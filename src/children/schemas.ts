import { Type, type Static } from '@sinclair/typebox';
import { Uuid as Id } from '../platform/schema.js';
import {
  ACCESS_REVIEW_OUTCOMES,
  CarerContact,
  ChildBasicData,
  ChildName,
  ChildSummary,
  HOUSEHOLD_RELATIONSHIPS,
  Involvement,
  InvolvementContact,
  PendingDuplicate,
  SHIELDING_ACTIONS,
} from './types.js';

/** Request and response schemas of the child index API: validation, types and OpenAPI from one source. */

const Reason = Type.String({ maxLength: 500, description: 'Why you need this information; recorded in the audit trail' });

export const ChildIdParams = Type.Object({ childId: Id });
export const ReasonQuery = Type.Object({ reason: Reason });

export const SearchQuery = Type.Object({
  familyName: Type.Optional(Type.String({ maxLength: 100 })),
  givenName: Type.Optional(Type.String({ maxLength: 100 })),
  dateOfBirth: Type.Optional(Type.String({ maxLength: 10, description: 'Exact date of birth, YYYY-MM-DD' })),
  bornFrom: Type.Optional(Type.String({ maxLength: 10 })),
  bornTo: Type.Optional(Type.String({ maxLength: 10 })),
  postcode: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'A full postcode (a filter), or its district alone, like KE5 (orders equally good name matches)',
    }),
  ),
  ageFrom: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Approximate age, whole years from 0 to 25: orders equally good name matches, filters nothing',
    }),
  ),
  ageTo: Type.Optional(Type.String({ maxLength: 10, description: 'Approximate age, up to this many whole years (0 to 25)' })),
  nhsNumber: Type.Optional(Type.String({ maxLength: 14 })),
  upn: Type.Optional(Type.String({ maxLength: 13 })),
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'Which page of results (20 to a page); the first when left out' }),
  ),
  reason: Reason,
});
export type SearchQuery = Static<typeof SearchQuery>;

export const ChildSummarySchema = Type.Object(ChildSummary.properties, { $id: 'ChildSummary' });

export const SearchResponse = Type.Object({
  results: Type.Array(ChildSummarySchema, { description: 'This page of the matches, best first' }),
  total: Type.Integer({ minimum: 0, description: 'How many children matched that you may see, on every page' }),
  totalIsAtLeast: Type.Boolean({ description: 'True when more matched than the index counts (500): narrow the search' }),
  equallyGood: Type.Integer({
    minimum: 0,
    description:
      'How many matches are exactly as good as the best one (a name search; 0 otherwise). More than a page of them, and narrowBy asks for a date of birth or a postcode: nothing else typed can tell them apart',
  }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  narrowBy: Type.Array(Type.Union([Type.Literal('dateOfBirth'), Type.Literal('postcode'), Type.Literal('givenName')]), {
    description: 'When too many matched: what to add to the search to narrow it',
  }),
  shieldedContact: Type.String({
    description:
      'The area’s safeguarding contact, given after every search whatever it found (so it reveals nothing): some records can only be seen by designated staff',
  }),
});

export const ChildRecordSchema = Type.Composite(
  [
    Type.Object({ id: Id }),
    ChildBasicData,
    Type.Object({
      shielded: Type.Boolean(),
      version: Type.Integer({ description: 'Send back with an update; a stale version is refused' }),
      names: Type.Array(
        Type.Composite([
          Type.Object({ id: Type.String({ format: 'uuid', description: 'To remove a previous or alternative name' }) }),
          Type.Omit(ChildName, ['id']),
        ]),
      ),
      carers: Type.Array(
        Type.Composite([Type.Object({ id: Type.String({ format: 'uuid', description: 'To remove the parent or carer' }) }), CarerContact]),
      ),
      involvements: Type.Array(
        Type.Union([
          Type.Composite([Type.Object({ masked: Type.Literal(true) }), InvolvementContact], {
            description: 'A sensitive service is involved: contact the practitioner',
          }),
          Type.Composite([
            Type.Object({ masked: Type.Literal(false) }),
            Type.Pick(Involvement, ['id', 'service', 'organisationName', 'role', 'sensitive']),
            InvolvementContact,
          ]),
        ]),
      ),
      involved: Type.Boolean({ description: 'Whether you or your organisation are involved; if not, this view is flagged for review' }),
    }),
  ],
  { $id: 'ChildRecord' },
);

const Text = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
export const ChildBody = Type.Object(
  {
    givenName: Type.String({ maxLength: 100 }),
    familyName: Type.String({ maxLength: 100 }),
    dateOfBirth: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    gender: Text(10),
    nhsNumber: Text(14),
    upn: Text(13),
    addressLine1: Text(),
    addressLine2: Text(),
    town: Text(),
    postcode: Text(10),
    school: Text(),
    gpPractice: Text(),
    extendedScope: Text(40),
    otherNames: Type.Optional(
      Type.Array(Type.Object({ givenName: Type.String({ maxLength: 100 }), familyName: Type.String({ maxLength: 100 }) }), {
        maxItems: 20,
      }),
    ),
    carer: Type.Optional(Type.Object({ name: Text(100), relationship: Text(), phone: Text(20), email: Text(254) })),
  },
  { $id: 'ChildInput' },
);
export type ChildBody = Static<typeof ChildBody>;
export const ChildUpdateBody = Type.Composite([ChildBody, Type.Object({ version: Type.Integer({ minimum: 1 }) })]);

export const InvolvementBody = Type.Object({
  service: Type.String({ maxLength: 200, description: 'A service of the area’s list (GET /api/services): its id, or its exact name' }),
  organisationId: Text(36),
  practitionerName: Text(100),
  role: Text(),
  phone: Text(20),
  email: Text(254),
  sensitive: Type.Optional(Type.Boolean()),
  startedOn: Text(10),
  me: Type.Optional(Type.Boolean({ description: 'Record yourself as the practitioner' })),
});
export const EndInvolvementBody = Type.Object({ endedOn: Text(10) });
export const InvolvementParams = Type.Object({ childId: Id, involvementId: Id });

export const ShieldingBody = Type.Object({ action: SHIELDING_ACTIONS.schema(), reason: Reason });
export const DecisionBody = Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) });
export const IdParams = Type.Object({ id: Id });
export const MergeBody = Type.Object({ keep: Id });
export const ReviewBody = Type.Object({
  outcome: Type.String({ enum: [...ACCESS_REVIEW_OUTCOMES.values] }),
  comment: Type.Optional(Type.String({ maxLength: 1000, description: 'The reviewing manager’s note, kept with the outcome and audited' })),
});

// ---- Removing a parent or carer, or a name --------------------------------------------------------

export const CarerParams = Type.Object({ childId: Id, carerId: Id });
export const NameParams = Type.Object({ childId: Id, nameId: Id });
export const VersionQuery = Type.Object({
  version: Type.Integer({
    minimum: 1,
    description: 'The record’s version you read; a removal based on an older copy is refused (409 stale)',
  }),
});

// ---- The duplicates review queue ---------------------------------------------------------------------

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Which page, from 1' })),
});

export const PendingDuplicatesResponse = Type.Object(
  {
    items: Type.Array(PendingDuplicate),
    total: Type.Integer({ minimum: 0, description: 'Pairs waiting for review in all' }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1, description: 'Pairs per page; the last page may hold fewer' }),
  },
  { $id: 'PendingDuplicates' },
);

// ---- Households (issue 14, families and siblings) ----------------------------------------------------

export const HouseholdLinkParams = Type.Object({ childId: Id, linkId: Id });
export const HouseholdLinkBody = Type.Object({
  otherChildId: Type.String({ maxLength: 64, description: 'The id of the other child, whose record you can open' }),
  relationship: Type.String({
    maxLength: 40,
    description: `How the two are related: one of ${HOUSEHOLD_RELATIONSHIPS.values.join(', ')}`,
    examples: HOUSEHOLD_RELATIONSHIPS.values,
  }),
});
export const HouseholdResponse = Type.Object({
  childId: Id,
  members: Type.Array(
    Type.Object({ id: Id, givenName: Type.String(), familyName: Type.String(), dateOfBirth: Type.String({ format: 'date' }) }),
    { description: 'The child first, then the others by age: only children whose records you can open' },
  ),
  links: Type.Array(
    Type.Object({
      id: Id,
      childId: Id,
      otherChildId: Id,
      relationship: HOUSEHOLD_RELATIONSHIPS.schema(),
      linkedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
