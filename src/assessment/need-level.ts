import { auditWithClock, type RequestContext } from '../platform/audit.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors } from '../platform/errors.js';
import { checkReason, visibleChild } from '../children/index.js';
import { leadProfessionalCriteria } from './settings.js';
import { frontLineForViewer } from './front-line.js';
import type { ChildAssessments } from './types.js';

/**
 * What the child's record page shows about front-line work, for the API (issue 11): the child's
 * current level of need, under the page's rules (one who may open the child's record: in the area,
 * not shielded from them, not merged away, within their sector's age limit; with a reason, audited),
 * and only to the team around the child and those the family's consent covers (front-line.ts; to
 * anyone else it is withheld, with why); and the area's lead professional criteria that appointing a
 * lead professional confirms one by one (000 §2.18).
 */
export function needLevelService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    async levelOfNeed(
      user: User,
      childId: string,
      reasonInput: string | undefined,
      ctx: RequestContext,
    ): Promise<{ childId: string; needLevel: ChildAssessments['needLevel']; withheld?: string }> {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const shown = await frontLineForViewer(tx, user, child.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.need_level_viewed',
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id], basis: shown.shown ? shown.basis : 'withheld' },
        });
        return shown.shown
          ? { childId: child.id, needLevel: shown.frontLine.needLevel }
          : { childId: child.id, needLevel: null, withheld: shown.withheld };
      });
    },

    async leadProfessionalCriteria(user: User): Promise<{ criteria: string[] }> {
      return { criteria: (await leadProfessionalCriteria(db, user.areaCode, todayOf(clock))).criteria };
    },
  };
}
