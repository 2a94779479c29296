import { CHILD_AGE_GROUPS, LISTENED, MATTERS, QUOTATION_STATES } from '../../src/plan/consultation/children-questions.js';
import { CONSULTEE_KINDS, LANGUAGES, RESPONSE_OUTCOMES } from '../../src/plan/consultation/types.js';
import { UPLOAD_TYPES } from '../../src/platform/uploaded-files.js';
import { PARTICIPATION_METHODS, PARTICIPATION_STAGES } from '../../src/plan/participation/types.js';

/** Participation and consultation's CHECKs of one value and their enumerations (migration 0058; spread into enums-plan.ts). */
export const PLAN_VOICE_CHECKS: Record<string, readonly string[]> = {
  plan_participation_activity_method_known: PARTICIPATION_METHODS.values,
  plan_participation_activity_stage_known: PARTICIPATION_STAGES.values,
  plan_consultee_kind_known: CONSULTEE_KINDS.values,
  plan_consultation_response_language_known: LANGUAGES.values,
  plan_consultation_response_content_type_known: UPLOAD_TYPES.values,
  plan_consultation_response_outcome_known: RESPONSE_OUTCOMES.values,
  plan_children_answer_matters_known: MATTERS.values,
  plan_children_answer_listened_known: LISTENED.values,
  plan_children_answer_age_group_known: CHILD_AGE_GROUPS.values,
  plan_children_answer_language_known: LANGUAGES.values,
  plan_children_answer_quotation_known: QUOTATION_STATES.values,
};
