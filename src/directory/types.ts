import { Type, type Static } from '@sinclair/typebox';
import { PROVIDER_KINDS, SERVICE_GROUPS, SERVICE_TYPES, type EntryInput, SERVICE_NEED_LEVELS } from './entry.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A directory entry's own fields (issue 17; ADR 0026). */
export const EntrySchema = {
  description: Type.String({ description: 'What the service offers' }),
  serviceType: Nullable(SERVICE_TYPES.schema({ description: 'Main type of service (004 Table 4.4)' })),
  providerKind: Nullable(PROVIDER_KINDS.schema({ description: 'In-house, statutory, voluntary and community, or private (000 §2.44)' })),
  providerName: Type.String({ description: 'A provider outside the partnership (empty when organisationId names the partner)' }),
  ageFrom: Nullable(Type.Integer({ minimum: 0, maximum: 25 })),
  ageTo: Nullable(Type.Integer({ minimum: 0, maximum: 25 })),
  needLevels: Type.Array(SERVICE_NEED_LEVELS.schema()),
  groups: Type.Array(SERVICE_GROUPS.schema()),
  aimCodes: Type.Array(Type.String(), { description: 'Aims of the five outcomes it serves, like be-healthy.1' }),
  address: Type.String(),
  postcode: Type.String({ description: 'The postcode of the address, like KS1 4AB (any spacing or case; kept normalised); empty for none' }),
  districtCode: Nullable(Type.String({ description: 'A district of the area (ONS code)' })),
  openingTimes: Type.String({ description: 'Opening times in words' }),
  howToRefer: Type.String(),
  selfReferral: Type.Boolean({ description: 'Families may refer themselves' }),
  contactPhone: Type.String(),
};

/** A service of an area's list (issue 14, bug 7): what records name wherever a service is chosen. */
export const AreaServiceSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  organisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'The partner organisation that provides it' }),
  organisationName: Type.Union([Type.String(), Type.Null()]),
  sensitive: Type.Boolean({ description: 'Involvements with it are sensitive: others see only whom to contact' }),
  contactEmail: Type.String(),
  closedFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'From this day it is no longer offered' }),
  active: Type.Boolean({ description: 'Offered on forms today' }),
  ...EntrySchema,
  districtName: Nullable(Type.String()),
  reviewedOn: Type.String({ format: 'date', description: 'Last confirmed up to date' }),
  reviewDue: Type.Boolean({ description: 'Not reviewed for twelve months' }),
});
export type AreaService = Static<typeof AreaServiceSchema>;

/** What a record keeps of the service chosen for it. */
export interface ChosenService {
  id: string;
  name: string;
  organisationId: string | null;
  sensitive: boolean;
}

/** A service as an administrator sends it, unchecked. */
export interface ServiceInput extends EntryInput {
  name?: string;
  organisationId?: string | null;
  sensitive?: boolean | string;
  contactEmail?: string;
}
