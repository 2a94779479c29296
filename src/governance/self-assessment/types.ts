import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../../platform/schema.js';
import { SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_RATINGS, SELF_ASSESSMENT_STATUSES } from './questions.js';

/** A board's self-assessment (issue 16 item 7): its entities, one schema each. */

export const SelfAssessmentAnswerSchema = Type.Object({
  question: SELF_ASSESSMENT_QUESTIONS.schema({ description: 'One of the Audit Commission’s seven questions (001 §2)' }),
  rating: Type.Union([SELF_ASSESSMENT_RATINGS.schema(), Type.Null()], { description: 'Lowest first: not_in_place, developing, established, embedded' }),
  evidence: Type.String(),
});
export type SelfAssessmentAnswer = Static<typeof SelfAssessmentAnswerSchema>;

export const SelfAssessmentSummarySchema = Type.Object({
  id: Uuid,
  bodyId: Uuid,
  bodyName: Type.String(),
  year: Type.Integer({ description: 'The year assessed, by the year it starts in: 2025 is 2025 to 2026' }),
  status: SELF_ASSESSMENT_STATUSES.schema(),
  startedAt: Timestamp,
  agreedAt: Nullable(Timestamp),
  agreedByName: Nullable(Type.String()),
});
export type SelfAssessmentSummary = Static<typeof SelfAssessmentSummarySchema>;

export const SelfAssessmentSchema = Type.Composite([SelfAssessmentSummarySchema, Type.Object({ answers: Type.Array(SelfAssessmentAnswerSchema) })]);
export type SelfAssessment = Static<typeof SelfAssessmentSchema>;

export const ComparisonSchema = Type.Object({
  before: Type.Union([SelfAssessmentSummarySchema, Type.Null()], { description: 'The body’s previous self-assessment; null when this is its first' }),
  after: SelfAssessmentSummarySchema,
  rows: Type.Array(
    Type.Object({
      question: SELF_ASSESSMENT_QUESTIONS.schema(),
      words: Type.String(),
      before: Type.Union([SELF_ASSESSMENT_RATINGS.schema(), Type.Null()]),
      after: Type.Union([SELF_ASSESSMENT_RATINGS.schema(), Type.Null()]),
      change: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('same'), Type.Literal('unknown')]),
      changeWords: Type.String({ description: 'The change in words: “Improved from Developing to Established”' }),
    }),
  ),
});
export type Comparison = Static<typeof ComparisonSchema>;

/** Answers as a form or the API sends them, unchecked. */
export interface AnswerInput {
  question: string;
  rating?: string | null;
  evidence?: string;
}
