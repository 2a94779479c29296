import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import type { PrintableDocument } from '../../platform/pdf.js';
import { involvementRules, viewerOf } from '../../children/index.js';
import { basisForAudit, loadDetails } from '../details.js';
import { refused } from '../access.js';
import { readSetting } from '../../platform/settings.js';
import { REVIEW_EVERY_WEEKS } from '../settings.js';
import { familyCopy } from './family-copy.js';
import { listSensitiveMembers } from './repository.js';

/**
 * Printing an assessment (ADR 0014). The copy for the family is a read of the child's record like the
 * assessment page: the same rule (the team, the consent in force, shielding: details.ts), audited in
 * the same transaction that loads it. A child whose record is shielded from the viewer is not printed
 * at all: a copy naming "A shielded record" would be no use to the family, and the family's copy is
 * for those the shielding named.
 */
export function printService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    async familyCopy(user: User, assessmentId: string, areaName: string, ctx: RequestContext): Promise<PrintableDocument> {
      const today = todayOf(clock);
      return db.transaction(async (tx) => {
        const { details, basis } = await loadDetails(tx, user, assessmentId, today);
        const child = details.child;
        if (child.masked) {
          throw refused(
            'This child’s record is shielded: only the organisation that shielded it or a designated safeguarding lead can print a copy for the family.',
          );
        }
        const viewer = viewerOf(user);
        // A sensitive service is named on the family's copy only by someone from that service (ADR 0014).
        const withheld = (await listSensitiveMembers(tx, details.id)).filter(
          (m) => !involvementRules.permits(viewer, 'see service', { sensitive: true, organisationId: m.organisationId }),
        );
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.family_copy_printed',
          subject: { type: 'common_assessment', id: details.id },
          details: { childIds: [details.childId], ...basisForAudit(basis), withheldMembers: withheld.length },
        });
        return familyCopy({
          details: { ...details, child },
          withheldMemberIds: new Set(withheld.map((m) => m.memberId)),
          withheldOrganisationIds: new Set(withheld.map((m) => m.organisationId)),
          footer: { areaName, printedBy: user.displayName, printedAt: clock.now() },
          today,
          reviewEveryWeeks: await readSetting(tx, user.areaCode, REVIEW_EVERY_WEEKS, today),
        });
      });
    },
  };
}

export type PrintService = ReturnType<typeof printService>;
