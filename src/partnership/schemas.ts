import { Type } from '@sinclair/typebox';

export const AreaCodeParams = Type.Object({
  areaCode: Type.String({ pattern: '^[EWSN][0-9]{8}$', description: 'ONS code of the local area, e.g. E06000046' }),
});

export const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    areaCode: Type.String(),
    name: Type.String(),
    sector: Type.String(),
    partnerStatus: Type.Union([Type.Literal('lead authority'), Type.Literal('relevant partner'), Type.Literal('other partner')]),
    statutoryBasis: Type.String(),
    coverage: Type.String(),
  },
  { $id: 'Organisation' },
);

export const AreaOverviewSchema = Type.Object(
  {
    area: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), region: Type.String() }),
    districts: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    organisations: Type.Array(OrganisationSchema),
    counts: Type.Object({ relevantPartners: Type.Integer(), otherPartners: Type.Integer() }),
  },
  { $id: 'AreaOverview' },
);
