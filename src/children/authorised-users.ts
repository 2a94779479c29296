import { describeLapse, indexStanding } from '../admin/index.js';
import type { LiveSession } from '../platform/auth/sessions.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { ROLE_LABELS } from '../platform/policy.js';
import { childProblems } from './errors.js';

/**
 * Who is an authorised user of the index (004 Box 6.1: "authorised users with relevant training
 * and security checks"). Checked once, for every page and API route of the child index, by the
 * hook childRoutes adds (children/index.ts): it is about the person, not about a child, so it is
 * not a subject rule; and one hook at the feature's entry cannot be forgotten by a new route, as a
 * call in each service method could be.
 */
export function indexAccessService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Refuses a practitioner or manager whose index training or vetting is not in date, saying which and whom to ask. */
    async check({ user, training }: Pick<LiveSession, 'user' | 'training'>): Promise<void> {
      if (user.role !== 'practitioner' && user.role !== 'practice_manager') return;
      const standing = await indexStanding(db, user, training, todayOf(clock));
      if (standing.lapsed.length === 0) return;
      const whomToAsk = standing.contacts.map((c) => `${c.displayName} (${ROLE_LABELS[c.role]}, ${c.email})`);
      const lapses = standing.lapsed.map(describeLapse);
      throw childProblems.notAuthorisedUser(
        `${lapses.join('. ')}. Only trained and vetted users may use the child index: ask ${
          standing.contacts.length > 0 ? 'your practice manager or area administrator' : 'your area administrator'
        } to record your training and checks once they are renewed.`,
        { details: { lapsed: standing.lapsed.map((l) => ({ kind: l.kind, expiresOn: l.expiresOn })), whomToAsk } },
      );
    },
  };
}

export type IndexAccessService = ReturnType<typeof indexAccessService>;
