import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { leadProfessionalCriteria } from '../settings.js';
import { listPractitioners } from './repository.js';

export type { Practitioner } from './repository.js';

/**
 * The practitioners of an area, for choosing who joins the team around the child (004 para 228:
 * a directory of local practitioners). Only people who can work with children are listed.
 */

export function directoryService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    practitioners: (areaCode: string) => listPractitioners(db, areaCode),
    /** The area's criteria for appointing a lead professional (000 §2.18), confirmed one by one. */
    leadProfessionalCriteria: async (areaCode: string): Promise<string[]> => (await leadProfessionalCriteria(db, areaCode, todayOf(clock))).criteria,
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;
