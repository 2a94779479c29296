import { Type, type Static } from '@sinclair/typebox';

/** Request and response schemas of the child index API: validation, types and OpenAPI from one source. */

const Reason = Type.String({ maxLength: 500, description: 'Why you need this information; recorded in the audit trail' });
const Id = Type.String({ format: 'uuid' });
const Date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const ChildIdParams = Type.Object({ childId: Id });
export const ReasonQuery = Type.Object({ reason: Reason });

export const SearchQuery = Type.Object({
  familyName: Type.Optional(Type.String({ maxLength: 100 })),
  givenName: Type.Optional(Type.String({ maxLength: 100 })),
  dateOfBirth: Type.Optional(Type.String({ maxLength: 10, description: 'Exact date of birth, YYYY-MM-DD' })),
  bornFrom: Type.Optional(Type.String({ maxLength: 10 })),
  bornTo: Type.Optional(Type.String({ maxLength: 10 })),
  postcode: Type.Optional(Type.String({ maxLength: 10 })),
  nhsNumber: Type.Optional(Type.String({ maxLength: 14 })),
  upn: Type.Optional(Type.String({ maxLength: 13 })),
  reason: Reason,
});
export type SearchQuery = Static<typeof SearchQuery>;

export const ChildSummarySchema = Type.Object(
  {
    id: Id,
    givenName: Type.String(),
    familyName: Type.String(),
    dateOfBirth: Date,
    town: Type.String(),
    postcodeDistrict: Type.String({ description: 'Outward part of the postcode only' }),
    matchQuality: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { $id: 'ChildSummary' },
);

export const SearchResponse = Type.Object({
  results: Type.Array(ChildSummarySchema),
  shieldedContact: Type.String({
    description:
      'The area’s safeguarding contact, given after every search whatever it found (so it reveals nothing): some records can only be seen by designated staff',
  }),
});

const Contact = {
  practitionerName: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  startedOn: Date,
  endedOn: Type.Union([Date, Type.Null()]),
};

export const ChildRecordSchema = Type.Object(
  {
    id: Id,
    nhsNumber: Type.Union([Type.String(), Type.Null()]),
    upn: Type.Union([Type.String(), Type.Null()]),
    givenName: Type.String(),
    familyName: Type.String(),
    dateOfBirth: Date,
    gender: Type.String(),
    addressLine1: Type.String(),
    addressLine2: Type.String(),
    town: Type.String(),
    postcode: Type.String(),
    school: Type.String(),
    gpPractice: Type.String(),
    extendedScope: Type.Union([Type.String(), Type.Null()]),
    shielded: Type.Boolean(),
    version: Type.Integer({ description: 'Send back with an update; a stale version is refused' }),
    names: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid', description: 'To remove a previous or alternative name' }),
        kind: Type.Union([Type.Literal('current'), Type.Literal('previous'), Type.Literal('alternative')]),
        givenName: Type.String(),
        familyName: Type.String(),
      }),
    ),
    carers: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid', description: 'To remove the parent or carer' }),
        name: Type.String(),
        relationship: Type.String(),
        phone: Type.String(),
        email: Type.String(),
      }),
    ),
    involvements: Type.Array(
      Type.Union([
        Type.Object(
          { masked: Type.Literal(true), id: Id, ...Contact },
          { description: 'A sensitive service is involved: contact the practitioner' },
        ),
        Type.Object({
          masked: Type.Literal(false),
          id: Id,
          service: Type.String(),
          organisationName: Type.String(),
          role: Type.String(),
          sensitive: Type.Boolean(),
          ...Contact,
        }),
      ]),
    ),
    involved: Type.Boolean({ description: 'Whether you or your organisation are involved; if not, this view is flagged for review' }),
  },
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
  service: Type.String({ maxLength: 200 }),
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

export const ShieldingBody = Type.Object({ action: Type.Union([Type.Literal('shield'), Type.Literal('unshield')]), reason: Reason });
export const DecisionBody = Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) });
export const IdParams = Type.Object({ id: Id });
export const MergeBody = Type.Object({ keep: Id });
export const ReviewBody = Type.Object({ outcome: Type.String({ enum: ['appropriate', 'referred for investigation'] }) });

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

const DuplicateRecord = Type.Object({ id: Id, givenName: Type.String(), familyName: Type.String(), dateOfBirth: Date });

export const PendingDuplicatesResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Id,
        score: Type.Number({ minimum: 0, maximum: 1, description: 'How alike the two records are' }),
        reasons: Type.String(),
        foundAt: Type.String({ format: 'date-time' }),
        child: DuplicateRecord,
        other: DuplicateRecord,
      }),
    ),
    total: Type.Integer({ minimum: 0, description: 'Pairs waiting for review in all' }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1, description: 'Pairs per page; the last page may hold fewer' }),
  },
  { $id: 'PendingDuplicates' },
);
