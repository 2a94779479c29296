import { PLAN_VOICE_CHECKS } from './enums-plan-voice.js';
import { ACTION_STATUSES, PLAN_OWNERS, PLAN_STATUSES, REVIEW_STATUSES, SECTION_KINDS } from '../../src/plan/index.js';

/** The plan's CHECKs and their enumerations (migration 0057; enums-check.test.ts spreads these in). Parts add their own lines. */
export const PLAN_CHECKS: Record<string, readonly string[]> = {
  plan_owner_known: PLAN_OWNERS.values,
  plan_status_known: PLAN_STATUSES.values,
  plan_section_kind_known: SECTION_KINDS.values,
  plan_action_status_known: ACTION_STATUSES.values,
  plan_action_progress_status_known: ACTION_STATUSES.values,
  // Participation and consultation (migration 0058, cypp-voice).
  ...PLAN_VOICE_CHECKS,
  // The annual review (migration 0060).
  plan_review_status_known: REVIEW_STATUSES.values,
};
