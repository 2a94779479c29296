import { Type } from '@sinclair/typebox';
import { COVERAGE_KINDS, DUTY_KINDS, PARTNER_STATUSES, SECTORS } from './types.js';

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export const AreaCodeParams = Type.Object({
  areaCode: Type.String({ pattern: '^[EWSN][0-9]{8}$', description: 'ONS code of the local area, e.g. E06000046' }),
});

export const PartnerParams = Type.Object({
  areaCode: Type.String({ pattern: '^[EWSN][0-9]{8}$' }),
  partnerId: Type.String({ format: 'uuid' }),
});

export const AsAtQuery = Type.Object({
  asAt: Type.Optional(
    Type.String({ pattern: ISO_DATE, description: 'Show the partnership as it stood on this day (YYYY-MM-DD); today if left out' }),
  ),
});

export const StatutoryDutySchema = Type.Object(
  {
    code: Type.String(),
    kind: DUTY_KINDS.schema(),
    provision: Type.String(),
    partnerType: Type.String(),
    twoTierOnly: Type.Boolean(),
    effectiveFrom: Type.String({ format: 'date' }),
    effectiveTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    source: Type.String(),
    datesConfirmed: Type.Boolean({ description: 'False while the dates are not yet checked against the commencement orders' }),
  },
  { $id: 'StatutoryDuty' },
);

export const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    areaCode: Type.String(),
    name: Type.String(),
    organisationType: Type.String(),
    sector: Type.String(),
    partnerStatus: PARTNER_STATUSES.schema({
      description: 'Status on the day asked for, from the kind of its duty (statutory_duty) and the dates that duty stood; never stored',
    }),
    dutyCode: Type.Union([Type.String(), Type.Null()], { description: 'The duty that brings it in; null when under no duty' }),
    dutyInForceOnDate: Type.Boolean(),
    inclusionReason: Type.String({ description: 'Why the area included it; always given when it is under no duty (000 §2.61)' }),
    coverageKind: COVERAGE_KINDS.schema(),
    districtCodes: Type.Array(Type.String()),
    coverage: Type.String({ description: 'The area it covers in words, when it covers beyond the area' }),
    contactName: Type.String(),
    contactEmail: Type.String(),
    contactPhone: Type.String(),
    closedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  },
  { $id: 'Organisation' },
);

export const AreaOverviewSchema = Type.Object(
  {
    area: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), region: Type.String() }),
    asAt: Type.String({ format: 'date' }),
    districts: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    organisations: Type.Array(OrganisationSchema),
    missingPartnerTypes: Type.Array(StatutoryDutySchema, {
      description: 'Relevant partner types in force that day that the area has not brought in',
    }),
    counts: Type.Object({ relevantPartners: Type.Integer(), otherPartners: Type.Integer() }),
  },
  { $id: 'AreaOverview' },
);

export const NewAreaBody = Type.Object(
  {
    code: Type.String({ maxLength: 9, description: 'ONS code on the list of English upper-tier authorities, e.g. E06000046' }),
    name: Type.String({ maxLength: 200 }),
    districts: Type.Optional(
      Type.Array(Type.Object({ code: Type.String({ maxLength: 9 }), name: Type.String({ maxLength: 200 }) }), { maxItems: 50 }),
    ),
    leadAuthorityName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { $id: 'NewArea' },
);

export const PartnerBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    organisationType: Type.String({ maxLength: 200 }),
    sector: Type.String({ enum: [...SECTORS.values] }),
    dutyCode: Type.String({ maxLength: 20, description: 'A statutory duty code (s10-4-b, s11) or "none"' }),
    inclusionReason: Type.Optional(Type.String({ maxLength: 1000, description: 'Required when dutyCode is "none" (000 §2.61)' })),
    coverageKind: COVERAGE_KINDS.schema(),
    districtCodes: Type.Optional(Type.Array(Type.String({ maxLength: 9 }), { maxItems: 50 })),
    coverage: Type.Optional(Type.String({ maxLength: 500, description: 'Required when the partner covers beyond the area' })),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 254 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { $id: 'Partner' },
);

export const ClosePartnerBody = Type.Object({ closedOn: Type.String({ pattern: ISO_DATE }) }, { $id: 'ClosePartner' });
