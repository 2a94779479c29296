import { Type, type Static } from '@sinclair/typebox';

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
export interface ServiceInput {
  name?: string;
  organisationId?: string | null;
  sensitive?: boolean | string;
  contactEmail?: string;
}
