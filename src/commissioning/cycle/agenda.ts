import { boardAgendaService, type BoardMeeting } from '../../governance/index.js';
import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { withinTransaction } from '../../platform/db-within.js';
import { isUuid } from '../../platform/ids.js';
import { commissioningProblems } from '../errors.js';
import { commissioningPaths as cp } from '../paths.js';
import { COMMISSION_LEVEL_LABELS, COMMISSION_STAGE_LABELS } from '../types.js';
import * as repo from './repository.js';
import type { CycleCaller } from './service.js';

/**
 * "Put on the board's agenda" (ADR 0038): a commission brought to an upcoming meeting of the children's trust
 * board as an agenda item, through governance's public face (`boardAgendaService`, which adds it with the
 * meetings' own item code and audit). The item names the commission's providers and services, so members'
 * declared interests show beside it and their withdrawal can be recorded in the decision (ADR 0023).
 *
 * Who may: those who manage the board's meetings (its chair and secretariat) and those holding
 * `commissioning.manage` (the commissioner) — governance's rule, stated once there. The item and the
 * commission's audit entry (`commissioning.put_on_agenda`) are written in one transaction.
 */

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function commissionAgendaService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  return {
    /** The board's upcoming meetings the caller may add the commission to (none for those who may not); not found for another area's. */
    async meetings(user: User, commissionId: string): Promise<BoardMeeting[]> {
      if (!(isUuid(commissionId) && (await repo.findCommission(db, user.areaCode, commissionId))))
        throw commissioningProblems.notFound('No such commission in this area');
      return boardAgendaService({ db, clock }).upcoming(user);
    },

    async put(by: CycleCaller, commissionId: string, input: { meetingId?: unknown }): Promise<{ itemId: string; meetingId: string; heldOn: string }> {
      const commission = isUuid(commissionId) ? await repo.findCommission(db, by.user.areaCode, commissionId) : undefined;
      if (!commission) throw commissioningProblems.notFound('No such commission in this area');
      const providers = await repo.listProviders(db, commission.id);
      const organisationIds = [...new Set(providers.flatMap((p) => (p.organisationId ? [p.organisationId] : [])))];
      const serviceIds = [...new Set([...providers.flatMap((p) => (p.serviceId ? [p.serviceId] : [])), ...(commission.serviceId ? [commission.serviceId] : [])])];
      const description = [
        `${COMMISSION_LEVEL_LABELS[commission.level]} commission at ${COMMISSION_STAGE_LABELS[commission.stage].toLowerCase()}.`,
        commission.purpose,
        `From commissioning: ${cp.commission(commission.id)}`,
      ]
        .filter((line) => line !== '')
        .join('\n\n');
      return db.transaction(async (tx) => {
        const agenda = boardAgendaService({ db: withinTransaction(tx, db), clock });
        const { itemId, meeting } = await agenda.add(
          by,
          input.meetingId,
          { title: clip(`Commission: ${commission.title}`, 300), description: clip(description, 4000), organisationIds, serviceIds },
          { commissionId: commission.id },
        );
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'commissioning.put_on_agenda',
          subject: { type: 'commission', id: commission.id },
          details: { meetingId: meeting.id, itemId, heldOn: meeting.heldOn, stage: commission.stage },
        });
        return { itemId, meetingId: meeting.id, heldOn: meeting.heldOn };
      });
    },
  };
}

export type CommissionAgendaService = ReturnType<typeof commissionAgendaService>;
