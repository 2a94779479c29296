import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { notify } from '../../notifications/index.js';
import { paths } from '../../platform/paths.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { addWorkingDays } from '../../platform/working-days.js';
import type { Db, Queryable, Tx } from '../../platform/db.js';
import { FieldErrors, forbidden, notFound } from '../../platform/errors.js';
import { childWrites, viewerOf } from '../../children/index.js';
import { openForUser, requireOpen } from '../access.js';
import { levelFromHistory, levelNamed, schemeInForce } from '../levels/service.js';
import type { Referral } from '../types.js';
import * as writes from '../writes.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { leadProfessionalCriteria } from '../settings.js';
import * as referralRepo from './repository.js';
import { assessmentProblems } from '../errors.js';
import { basisForAudit } from '../details.js';
import { DECISION_WORDS, readDecision, REASON_MAX, takesTheChild, type DecisionInput } from './decision.js';
import { basisForReferral, loadReferralView, type ReferralBasis, type ReferralView } from './view.js';
import { chooseServiceInto } from '../../directory/index.js';

export type { DecisionInput } from './decision.js';
export type { ReferralView } from './view.js';

/**
 * Escalation from a common assessment to children's social care or another specialist service
 * (002 para 108), with the assessment attached. The receiving service acknowledges, then accepts
 * or returns it with reasons, or decides otherwise (decision.ts); every referral has an acknowledgement
 * deadline in working days (004 para 202). The team that sent it reads the reply (view.ts) and is
 * told when it is acknowledged or decided.
 */

export interface ReferralInput {
  toOrganisationId?: string;
  toService?: string;
  reason?: string;
  levelSought?: string;
}

/** What the view's audit entry says of its basis. */
const basisDetails = (basis: ReferralBasis): Record<string, unknown> =>
  basis.kind === 'receiving service'
    ? { basis: 'referral' }
    : {
        basis: 'team',
        ...(basis.sharing ? { sharing: basisForAudit(basis.sharing) } : { sharing: 'not shared with the caller’s organisation' }),
      };

export function referralService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  /** A referral as its receiving organisation sees it; nobody else opens it here. */
  async function received(q: Queryable, user: User, referralId: string): Promise<Referral> {
    const referral = await referralRepo.findReferral(q, user.areaCode, referralId, viewerOf(user), todayOf(clock));
    if (!referral) throw notFound('referral');
    if (referral.toOrganisationId !== user.organisationId) throw forbidden('Only the service a referral was sent to can open it.');
    return referral;
  }

  return {
    async escalate(user: User, assessmentId: string, input: ReferralInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const toOrganisationId = (input.toOrganisationId ?? '').trim();
      if (toOrganisationId === '') errors.add('toOrganisationId', 'required', 'Select the organisation to refer to');
      else if (!(await organisationIsInArea(db, toOrganisationId, user.areaCode)))
        errors.add('toOrganisationId', 'in_area', 'Select an organisation in this area');
      // The receiving service, from the area's list (issue 14, bug 7).
      const toService = await chooseServiceInto(errors, db, user.areaCode, input.toService, todayOf(clock), 'toService');
      const reason = (input.reason ?? '').trim();
      if (reason === '') errors.add('reason', 'required', 'Say why the child needs this service');
      else if (reason.length > REASON_MAX) errors.add('reason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
      const scheme = await schemeInForce(db, user.areaCode, todayOf(clock));
      const levelSought = levelNamed(scheme, input.levelSought ?? '');
      if (!levelSought)
        errors.add(
          'levelSought',
          'one_of',
          `Select the level of need the child has now: one of ${scheme.levels.map((l) => l.name).join(', ')}`,
        );
      errors.throwIfAny();
      if (!toService) throw notFound('service');
      return db.transaction(async (tx) => {
        const { assessment } = await openForUser(tx, user, assessmentId, true);
        requireOpen(assessment);
        if (assessment.latestVersion === 0) {
          throw assessmentProblems.referralNotCompleted('A referral carries the completed assessment: complete it before escalating.');
        }
        const { acknowledgeWithinDays } = await leadProfessionalCriteria(tx, user.areaCode, todayOf(clock));
        const id = await referralRepo.insertReferral(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          assessmentVersion: assessment.latestVersion,
          toOrganisationId,
          toService: { id: toService.id, name: toService.name },
          reason,
          levelSought: levelSought?.level ?? '',
          sentBy: user.id,
          // 004 para 202: acknowledged within working days, weekends and bank holidays skipped.
          acknowledgeBy: addWorkingDays(todayOf(clock), acknowledgeWithinDays),
          sentAt: clock.now(),
        });
        await notify(tx, {
          organisationId: toOrganisationId,
          roles: ['practitioner', 'practice_manager'],
          event: 'referral.received',
          link: paths.referral(id),
          at: clock.now(),
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.sent',
          subject: { type: 'common_assessment', id: assessment.id },
          // Sending the assessment to another service is a disclosure: its basis is that of the referrer's access.
          details: {
            childIds: [assessment.childId],
            referralId: id,
            toOrganisationId,
            toService: toService.name,
            toServiceId: toService.id,
            assessmentVersion: assessment.latestVersion,
            basis: 'referral',
          },
        });
        return id;
      });
    },

    /** Referrals waiting for the user's organisation to decide, oldest first. */
    async incoming(user: User, ctx: RequestContext): Promise<Referral[]> {
      return db.transaction(async (tx) => {
        const referrals = await referralRepo.listReferralsTo(tx, user.organisationId, viewerOf(user), todayOf(clock));
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.list_viewed',
          details: { childIds: [...new Set(referrals.map((r) => r.childId))], basis: 'referral' },
        });
        return referrals;
      });
    },

    /**
     * The referral's page: for the service it was sent to, with its controls; for the team that sent
     * it, read-only with the reply. The assessment it carries only where it is shared with the caller.
     * Audited with the basis of the view.
     */
    async view(user: User, referralId: string, ctx: RequestContext): Promise<ReferralView> {
      return db.transaction(async (tx) => {
        const referral = await referralRepo.findReferral(tx, user.areaCode, referralId, viewerOf(user), todayOf(clock));
        if (!referral) throw notFound('referral');
        const allowed = await basisForReferral(tx, user, referral);
        if (!allowed.ok) throw forbidden(allowed.reason);
        const view = await loadReferralView(tx, user, referral, allowed.basis);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.viewed',
          subject: { type: 'referral', id: referral.id },
          details: { childIds: [referral.childId], assessmentId: referral.assessmentId, ...basisDetails(allowed.basis) },
        });
        return view;
      });
    },

    async acknowledge(user: User, referralId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const referral = await received(tx, user, referralId);
        if (referral.acknowledgedAt) throw assessmentProblems.alreadyAcknowledged('This referral has already been acknowledged.');
        await referralRepo.acknowledgeReferral(tx, referral.id, user.id, clock.now());
        await tellTheSender(tx, user, referral, 'A referral you sent has been acknowledged');
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.acknowledged',
          subject: { type: 'referral', id: referral.id },
          details: { childIds: [referral.childId] },
        });
      });
    },

    /**
     * The receiving service's decision (decision.ts): on acceptance or allocation the child's level
     * of need becomes the level sought, and an allocated worker joins the child's involvements in
     * the index. The sender, and a worker allocated, are told.
     */
    async decide(user: User, referralId: string, input: DecisionInput, ctx: RequestContext): Promise<void> {
      const decision = await readDecision(db, user, input);
      await db.transaction(async (tx) => {
        const referral = await received(tx, user, referralId);
        if (referral.decision)
          throw assessmentProblems.referralDecided(
            `This referral was already decided: ${DECISION_WORDS[referral.decision].toLowerCase()}.`,
          );
        await referralRepo.decideReferral(tx, referral.id, decision, user.id, clock.now());
        if (takesTheChild(decision.decision)) {
          // The level as the referral sought it, even if the area's scheme has changed since.
          const level = await levelFromHistory(tx, user.areaCode, referral.levelSought);
          if (level)
            await writes.recordNeedLevel(tx, {
              areaCode: user.areaCode,
              childId: referral.childId,
              level,
              source: `referral accepted by ${referral.toService}`,
              assessmentId: referral.assessmentId,
              changedBy: user.id,
              changedAt: clock.now(),
            });
        }
        const { worker } = decision;
        const involvementId = worker
          ? await childWrites.insertInvolvement(
              tx,
              referral.childId,
              user.areaCode,
              user.id,
              {
                service: referral.toService,
                serviceId: referral.toServiceId,
                organisationId: worker.organisationId,
                practitionerUserId: worker.id,
                practitionerName: worker.displayName,
                role: worker.jobTitle,
                phone: '',
                email: worker.email,
                sensitive: false,
                startedOn: todayOf(clock),
              },
              clock.now(),
            )
          : null;
        await tellTheSender(tx, user, referral, `A referral you sent has a decision: ${DECISION_WORDS[decision.decision].toLowerCase()}`);
        if (worker)
          await notify(tx, {
            userIds: [worker.id],
            exceptUserId: user.id,
            event: 'referral.decided',
            title: 'A child has been allocated to you',
            link: paths.referral(referral.id),
            at: clock.now(),
          });
        await recordAudit(tx, actorOf(user), ctx, {
          action: `referral.${decision.decision}`,
          subject: { type: 'referral', id: referral.id },
          details: {
            childIds: [referral.childId],
            assessmentId: referral.assessmentId,
            ...(decision.allocatedTo ? { allocatedTo: decision.allocatedTo, involvementId } : {}),
            ...(decision.namedLeadId ? { namedLeadId: decision.namedLeadId } : {}),
            ...(decision.signpostedTo ? { signpostedTo: decision.signpostedTo } : {}),
            ...(decision.strategyDiscussionOn ? { strategyDiscussionOn: decision.strategyDiscussionOn } : {}),
          },
        });
      });
    },
  };

  /** The referrer hears of the acknowledgement and the decision (issue 14): the notice names no child. */
  async function tellTheSender(tx: Tx, user: User, referral: Referral, title: string): Promise<void> {
    await notify(tx, {
      userIds: [referral.sentById],
      exceptUserId: user.id,
      event: 'referral.decided',
      title,
      link: paths.referral(referral.id),
      at: clock.now(),
    });
  }
}

export type ReferralService = ReturnType<typeof referralService>;
