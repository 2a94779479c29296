import { Type } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';
import { IsoDate, Nullable, Uuid } from '../../platform/schema.js';

/**
 * Participation of children, young people and families (issue 18 item 3; 000 §1.7, §2.11; 004 paras 163-166;
 * ADR 0035). One constant per list, matched by migration 0058's CHECKs (test/plan/voice-enums.test.ts).
 */

/** 004 para 166: the methods the panels named (questionnaires, events, discussion groups, road shows, drama, councils, recruitment). */
export const PARTICIPATION_METHODS = defineEnum([
  'questionnaire',
  'discussion_group',
  'event',
  'road_show',
  'drama',
  'youth_council',
  'school_council',
  'staff_recruitment',
  'interview',
  'other',
]);
export type ParticipationMethod = EnumValue<typeof PARTICIPATION_METHODS>;
export const PARTICIPATION_METHOD_LABELS: Record<ParticipationMethod, string> = {
  questionnaire: 'Questionnaire or survey',
  discussion_group: 'Discussion or focus group',
  event: 'Consultation event',
  road_show: 'Road show',
  drama: 'Role play or drama',
  youth_council: 'Youth council or forum',
  school_council: 'School council',
  staff_recruitment: 'Recruiting staff',
  interview: 'Interviews',
  other: 'Another method',
};

/** 004 para 163: participation in strategic planning, the design of services and their evaluation. */
export const PARTICIPATION_STAGES = defineEnum(['planning', 'service_design', 'evaluation']);
export type ParticipationStage = EnumValue<typeof PARTICIPATION_STAGES>;
export const PARTICIPATION_STAGE_LABELS: Record<ParticipationStage, string> = {
  planning: 'Planning',
  service_design: 'Designing services',
  evaluation: 'Evaluating services',
};

export const AGE_GROUPS = defineEnum(['under_5', '5_to_10', '11_to_15', '16_to_19', '20_to_25', 'adults']);
export type AgeGroup = EnumValue<typeof AGE_GROUPS>;
export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
  under_5: 'Under 5',
  '5_to_10': '5 to 10',
  '11_to_15': '11 to 15',
  '16_to_19': '16 to 19',
  '20_to_25': '20 to 25 (care leavers, young people with a disability)',
  adults: 'Adults (parents and carers)',
};

/** Groups whose voices are easily missed (004 Box 5.4; 000 §2.11): the board sees who was heard. */
export const PARTICIPANT_GROUPS = defineEnum([
  'general',
  'looked_after',
  'care_leavers',
  'disabled',
  'young_carers',
  'minority_ethnic',
  'lgbt',
  'young_offenders',
  'neet',
  'parents_carers',
]);
export type ParticipantGroup = EnumValue<typeof PARTICIPANT_GROUPS>;
export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
  general: 'Children and young people generally',
  looked_after: 'Looked-after children',
  care_leavers: 'Care leavers',
  disabled: 'Disabled children and young people',
  young_carers: 'Young carers',
  minority_ethnic: 'Black and minority ethnic young people',
  lgbt: 'Lesbian, gay, bisexual and trans young people',
  young_offenders: 'Young people who have offended',
  neet: 'Young people not in education, employment or training',
  parents_carers: 'Parents and carers',
};

export interface ParticipationActivity {
  id: string;
  planId: string;
  planTitle: string;
  title: string;
  heldOn: string;
  method: ParticipationMethod;
  stage: ParticipationStage;
  ageGroups: AgeGroup[];
  groups: ParticipantGroup[];
  participants: number;
  whatTheySaid: string;
  /** What it changed: a section or priority of the plan (with its title now), words, or nothing yet. */
  changedSection: { id: string; title: string } | null;
  changedPriority: { id: string; title: string } | null;
  changedText: string;
  /** 004 para 166: participants told what changed, when and how; null until they were. */
  feedbackOn: string | null;
  feedbackHow: string;
  recordedByName: string;
  updatedAt: string;
}

export const ParticipationActivitySchema = Type.Object({
  id: Uuid,
  planId: Uuid,
  planTitle: Type.String(),
  title: Type.String(),
  heldOn: IsoDate,
  method: PARTICIPATION_METHODS.schema(),
  stage: PARTICIPATION_STAGES.schema(),
  ageGroups: Type.Array(AGE_GROUPS.schema()),
  groups: Type.Array(PARTICIPANT_GROUPS.schema()),
  participants: Type.Integer(),
  whatTheySaid: Type.String(),
  changedSection: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  changedPriority: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  changedText: Type.String(),
  feedbackOn: Nullable(IsoDate),
  feedbackHow: Type.String(),
  recordedByName: Type.String(),
  updatedAt: Type.String(),
});

/** What an activity records, as the form or the API sends it (the service checks every field). */
export interface ActivityInput {
  planId?: unknown;
  title?: unknown;
  heldOn?: unknown;
  method?: unknown;
  stage?: unknown;
  ageGroups?: unknown;
  groups?: unknown;
  participants?: unknown;
  whatTheySaid?: unknown;
  changedSectionId?: unknown;
  changedPriorityId?: unknown;
  changedText?: unknown;
  feedbackOn?: unknown;
  feedbackHow?: unknown;
}

export const ActivityBody = Type.Object({
  planId: Type.String({ description: 'The plan the activity informed' }),
  title: Type.String(),
  heldOn: Type.String({ description: 'YYYY-MM-DD' }),
  method: Type.String({ description: PARTICIPATION_METHODS.values.join(', ') }),
  stage: Type.String({ description: PARTICIPATION_STAGES.values.join(', ') }),
  ageGroups: Type.Array(Type.String(), { description: AGE_GROUPS.values.join(', ') }),
  groups: Type.Array(Type.String(), { description: PARTICIPANT_GROUPS.values.join(', ') }),
  participants: Type.Union([Type.Integer(), Type.String()], { description: 'How many took part' }),
  whatTheySaid: Type.String(),
  changedSectionId: Type.Optional(Type.String({ description: 'A section of the plan it changed' })),
  changedPriorityId: Type.Optional(Type.String({ description: 'A priority of the plan it changed' })),
  changedText: Type.Optional(Type.String({ description: 'What it changed, in words' })),
  feedbackOn: Type.Optional(Type.String({ description: 'YYYY-MM-DD: the day participants were told what changed' })),
  feedbackHow: Type.Optional(Type.String({ description: 'How they were told' })),
});
