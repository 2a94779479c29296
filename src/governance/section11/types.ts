import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, Timestamp, Uuid } from '../../platform/schema.js';
import { SECTION11_AUDIT_STATUSES, SECTION11_RATINGS } from './standards.js';

/** Section 11 audits (issue 16 item 8): their entities, one schema each. */

export const StandardSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  source: Type.String({ description: 'The seed paragraphs the standard is taken from' }),
});

export const RoundSchema = Type.Object({
  id: Uuid,
  bodyId: Uuid,
  title: Type.String(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  dueOn: IsoDate,
  createdAt: Timestamp,
  standards: Type.Array(StandardSchema),
});
export type Round = Static<typeof RoundSchema>;

export const AgencyRowSchema = Type.Object({
  id: Uuid,
  roundId: Uuid,
  organisationId: Uuid,
  organisationName: Type.String(),
  status: SECTION11_AUDIT_STATUSES.schema(),
  submittedAt: Nullable(Timestamp),
  submittedByName: Nullable(Type.String()),
  changedAt: Nullable(Timestamp),
  challenge: Type.String({ description: 'The LSCB’s challenge; empty when none' }),
  challengedAt: Nullable(Timestamp),
  challengedByName: Nullable(Type.String()),
  response: Type.String({ description: 'The agency’s response to the challenge; empty when none' }),
  respondedAt: Nullable(Timestamp),
  respondedByName: Nullable(Type.String()),
  lastChasedAt: Nullable(Timestamp),
  timesChased: Type.Integer(),
  met: Type.Integer(),
  partlyMet: Type.Integer(),
  notMet: Type.Integer(),
});
export type AgencyRow = Static<typeof AgencyRowSchema>;

export const Section11AnswerSchema = Type.Object({
  standardCode: Type.String(),
  rating: Nullable(SECTION11_RATINGS.schema()),
  evidence: Type.String(),
  improvement: Type.String({ description: 'The improvement action; empty when none' }),
  improvementOwner: Type.String(),
  improvementDue: Nullable(IsoDate),
});
export type Section11Answer = Static<typeof Section11AnswerSchema>;

export const Section11AuditSchema = Type.Composite([
  AgencyRowSchema,
  Type.Object({
    round: RoundSchema,
    answers: Type.Array(Section11AnswerSchema),
    chases: Type.Array(Type.Object({ chasedAt: Timestamp, chasedByName: Nullable(Type.String()), told: Type.Integer() })),
  }),
]);
export type Section11Audit = Static<typeof Section11AuditSchema>;

/** An agency's audit as the LSCB's overview shows it: late when past due and not submitted. */
export const OverviewRowSchema = Type.Composite([AgencyRowSchema, Type.Object({ late: Type.Boolean() })]);
export type OverviewRow = Static<typeof OverviewRowSchema>;

/** Answers as a form or the API sends them, unchecked. */
export interface Section11AnswerInput {
  standardCode: string;
  rating?: string | null;
  evidence?: string;
  improvement?: string;
  improvementOwner?: string;
  improvementDue?: string | null;
}

export interface RoundInput {
  title?: string;
  periodStart?: string;
  periodEnd?: string;
  dueOn?: string;
  standards?: readonly string[];
}
