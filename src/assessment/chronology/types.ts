import { defineEnum, type EnumValue } from '../../platform/enums.js';

/** The kinds of event in an episode's chronology: what its filter offers. */
export const CHRONOLOGY_KINDS = defineEnum([
  'assessment',
  'consent',
  'team',
  'lead professional',
  'action',
  'review',
  'referral',
  'closure',
  'attachment',
]);
export type ChronologyKind = EnumValue<typeof CHRONOLOGY_KINDS>;

/** One thing that happened in an episode: when, what, who did it, and any words recorded with it. */
export interface ChronologyEvent {
  at: Date;
  kind: ChronologyKind;
  what: string;
  by: string;
  detail: string;
}

/** One page of an episode's chronology, oldest first. */
export interface Chronology {
  assessmentId: string;
  childId: string;
  childName: string;
  kind: ChronologyKind | null;
  events: ChronologyEvent[];
  total: number;
  page: number;
  pages: number;
}
