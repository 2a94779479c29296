import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';

/** A partner's agreed commitment and how it stands (001 §3.4); held to its CHECK in migration 0044. */
export const COMMITMENT_STATUSES = defineEnum(['not_started', 'on_track', 'at_risk', 'off_track', 'met', 'withdrawn']);
export type CommitmentStatus = EnumValue<typeof COMMITMENT_STATUSES>;
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  met: 'Met',
  withdrawn: 'Withdrawn by agreement',
};

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });

export const CommitmentNoteSchema = Type.Object({
  id: Id,
  note: Type.String(),
  status: COMMITMENT_STATUSES.schema(),
  writtenAt: Type.String({ format: 'date-time' }),
  writtenByName: Type.String(),
});

export const CommitmentSchema = Type.Object({
  id: Id,
  bodyId: Id,
  bodyName: Type.String(),
  organisationId: Id,
  organisationName: Type.String(),
  description: Type.String(),
  agreedOn: Day,
  dueOn: Day,
  status: COMMITMENT_STATUSES.schema(),
  overdue: Type.Boolean({ description: 'Past its due date and neither met nor withdrawn' }),
  notes: Type.Array(CommitmentNoteSchema),
});
export type Commitment = Static<typeof CommitmentSchema>;

/**
 * A partner's commitment recorded by another feature (the Children and Young People's Plan's key actions it
 * leads or contributes to, issue 18 item 2), shown in its accountability view beside those made to a body.
 * Governance never imports the feature: the source is passed in where the services are wired (services.ts).
 */
export const SourcedCommitmentSchema = Type.Object({
  source: Type.String({ description: 'Where it was agreed, like “Children and Young People’s Plan 2026 to 2029”' }),
  description: Type.String(),
  role: Type.String({ description: 'The partner’s part: lead, or contributing' }),
  href: Type.String({ description: 'Where the commitment is kept' }),
  startsOn: Day,
  dueOn: Day,
  status: Type.String({ description: 'How it stands, in words' }),
});
export type SourcedCommitment = Static<typeof SourcedCommitmentSchema>;

/** A feature's commitments of one partner of an area (ADR 0011: a hook the other feature implements). */
export type PartnerCommitmentSource = (areaCode: string, organisationId: string) => Promise<SourcedCommitment[]>;
