import { auditWithClock, type RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors } from '../platform/errors.js';
import { checkReason, visibleChild } from '../children/index.js';
import { leadProfessionalCriteria } from './settings.js';
import { assessmentsOfChild } from './work/repository.js';
import type { ChildAssessments } from './types.js';

/**
 * What the child's record page shows about front-line work, for the API (issue 11): the child's
 * current level of need, under the page's rule (anyone who may open the child's record: in the
 * area, not shielded from them, not merged away; with a reason, audited), and the area's lead
 * professional criteria that appointing a lead professional confirms one by one (000 §2.18).
 */
export function needLevelService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    async levelOfNeed(
      user: User,
      childId: string,
      reasonInput: string | undefined,
      ctx: RequestContext,
    ): Promise<{ childId: string; needLevel: ChildAssessments['needLevel'] }> {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const { needLevel } = await assessmentsOfChild(tx, child.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.need_level_viewed',
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id] },
        });
        return { childId: child.id, needLevel };
      });
    },

    async leadProfessionalCriteria(user: User): Promise<{ criteria: string[] }> {
      return { criteria: (await leadProfessionalCriteria(db, user.areaCode)).criteria };
    },
  };
}
