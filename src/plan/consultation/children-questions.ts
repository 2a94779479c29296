import { defineEnum, type EnumValue } from '../../platform/enums.js';
import type { Language } from './types.js';

/**
 * The few simple questions children and young people answer on the public page (issue 18 item 4; ADR 0035),
 * in plain words a young reader follows. Each closed list is matched by migration 0058's CHECKs.
 */

/** "What matters most to you?": the five outcomes in a young person's words, and having a say (000 §1.7). */
export const MATTERS = defineEnum(['safe', 'healthy', 'learning', 'things_to_do', 'having_a_say', 'future']);
export type Matters = EnumValue<typeof MATTERS>;
export const MATTERS_LABELS: Record<Matters, string> = {
  safe: 'Feeling safe',
  healthy: 'Being healthy',
  learning: 'School and learning',
  things_to_do: 'Things to do and places to go',
  having_a_say: 'Having a say',
  future: 'Getting a job and having enough money',
};

/** "Do the people who run services for children listen to you?" */
export const LISTENED = defineEnum(['yes', 'sometimes', 'no', 'not_sure']);
export type Listened = EnumValue<typeof LISTENED>;
export const LISTENED_LABELS: Record<Listened, string> = { yes: 'Yes', sometimes: 'Sometimes', no: 'No', not_sure: 'I’m not sure' };

export const CHILD_AGE_GROUPS = defineEnum(['under_11', '11_to_15', '16_to_19', '20_to_25']);
export type ChildAgeGroup = EnumValue<typeof CHILD_AGE_GROUPS>;
export const CHILD_AGE_GROUP_LABELS: Record<ChildAgeGroup, string> = {
  under_11: '10 or under',
  '11_to_15': '11 to 15',
  '16_to_19': '16 to 19',
  '20_to_25': '20 to 25',
};

/**
 * Whether a child's words may be quoted in public: not asked (they said no, or wrote nothing), pending (they said
 * yes; a planner has not yet looked), approved or declined by a planner. Only approved words are ever public.
 */
export const QUOTATION_STATES = defineEnum(['not_asked', 'pending', 'approved', 'declined']);
export type QuotationState = EnumValue<typeof QUOTATION_STATES>;
export const QUOTATION_STATE_LABELS: Record<QuotationState, string> = {
  not_asked: 'Not to be quoted',
  pending: 'Waiting for a planner',
  approved: 'Approved for quoting',
  declined: 'Not quoted',
};

/** The longest answer to "one thing that would make life better" (the CHECK says the same). */
export const BETTER_MAX = 1000;

export interface ChildrenAnswer {
  id: string;
  matters: Matters | null;
  listened: Listened | null;
  better: string;
  ageGroup: ChildAgeGroup | null;
  language: Language;
  quotation: QuotationState;
  submittedAt: string;
}

/** What the board reads: counts per choice of each question, and every free-text answer (for the board, not the public). */
export interface ChildrenSummary {
  answers: number;
  matters: { value: Matters | null; label: string; count: number }[];
  listened: { value: Listened | null; label: string; count: number }[];
  ageGroups: { value: ChildAgeGroup | null; label: string; count: number }[];
  freeText: ChildrenAnswer[];
}

/** A quotation a planner approved: the only children's words any public page shows. */
export interface PublishedQuotation {
  id: string;
  text: string;
  language: Language;
  ageGroup: ChildAgeGroup | null;
  consultationTitle: string;
}
