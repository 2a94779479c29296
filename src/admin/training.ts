import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../platform/enums.js';

/**
 * Training and vetting (issue 13 item 3; 004 Box 6.1: the index is open only to "authorised users
 * with relevant training and security checks"; Tables 7.2-7.3). One enumeration, held to
 * user_training_kind_known by test/platform/enums-check.test.ts.
 */
export const TRAINING_KINDS = defineEnum([
  'child_index_training',
  'enhanced_dbs_check',
  'safeguarding_training',
  'common_assessment_training',
]);
export type TrainingKind = EnumValue<typeof TRAINING_KINDS>;

export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  child_index_training: 'Child index training',
  enhanced_dbs_check: 'Enhanced DBS check',
  safeguarding_training: 'Safeguarding children training',
  common_assessment_training: 'Common assessment training',
};

/** What an authorised user of the child index must hold in date (004 Box 6.1: training and a security check). */
export const INDEX_REQUIREMENTS: readonly TrainingKind[] = ['child_index_training', 'enhanced_dbs_check'];

/** How far ahead a manager's list looks for training about to lapse. */
export const DUE_WITHIN_DAYS = 30;

export const TrainingRecord = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    userId: Type.String({ format: 'uuid' }),
    kind: TRAINING_KINDS.schema({ description: 'The course or check' }),
    completedOn: Type.String({ format: 'date', description: 'When the course was done or the check passed' }),
    expiresOn: Type.String({ format: 'date', description: 'When it lapses: from that day it no longer counts' }),
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'TrainingRecord' },
);
export type TrainingRecord = Static<typeof TrainingRecord>;

/** One user's standing for one kind of training: the latest record's expiry, or none ever recorded. */
export interface TrainingStanding {
  userId: string;
  displayName: string;
  email: string;
  organisationName: string;
  kind: TrainingKind;
  /** The latest expiry recorded; null when none was ever recorded. */
  expiresOn: string | null;
  status: 'lapsed' | 'due' | 'missing';
}
