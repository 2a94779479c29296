import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';
import { Nullable, Timestamp, Uuid } from '../../platform/schema.js';
import { COMMISSION_LEVELS, COMMISSION_STAGES } from '../types.js';

/** The commissioning cycle's words and shapes (issue 17 item 3; migration 0052; ADR 0029). */

/** What a stage's evidence is: words, or a citation of an indicator or of the needs assessment on an outcome (read live). */
export const EVIDENCE_KINDS = defineEnum(['note', 'indicator', 'needs_assessment']);
export type EvidenceKind = EnumValue<typeof EVIDENCE_KINDS>;
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  note: 'Note',
  indicator: 'An indicator',
  needs_assessment: 'The needs assessment',
};

const Id = Uuid;

export const CommissionSchema = Type.Object({
  id: Id,
  areaCode: Type.String(),
  level: COMMISSION_LEVELS.schema(),
  title: Type.String(),
  purpose: Type.String(),
  stage: COMMISSION_STAGES.schema(),
  serviceId: Nullable(Id),
  serviceName: Nullable(Type.String()),
  fundId: Nullable(Id),
  fundName: Nullable(Type.String()),
  teamPlanAssessmentId: Nullable(Id),
  createdAt: Timestamp,
  createdByName: Nullable(Type.String()),
  changedAt: Timestamp,
});
export type Commission = Static<typeof CommissionSchema>;

export const CommissionProviderSchema = Type.Object({
  id: Id,
  organisationId: Nullable(Id),
  serviceId: Nullable(Id),
  name: Type.String(),
});
export type CommissionProvider = Static<typeof CommissionProviderSchema>;

export const StageMoveSchema = Type.Object({
  fromStage: Nullable(COMMISSION_STAGES.schema()),
  toStage: COMMISSION_STAGES.schema(),
  reason: Type.String(),
  movedAt: Timestamp,
  movedByName: Type.String(),
});
export type StageMove = Static<typeof StageMoveSchema>;

export const EvidenceSchema = Type.Object({
  id: Id,
  stage: COMMISSION_STAGES.schema(),
  kind: EVIDENCE_KINDS.schema(),
  note: Type.String(),
  indicatorCode: Nullable(Type.String()),
  outcomeCode: Nullable(Type.String()),
  addedAt: Timestamp,
  addedByName: Type.String(),
});
export type Evidence = Static<typeof EvidenceSchema>;

export interface CommissionDecisionLink {
  decisionId: string;
  stage: EnumValue<typeof COMMISSION_STAGES>;
  note: string;
  linkedAt: Date;
  linkedByName: string;
}
