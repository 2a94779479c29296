import { NATIONAL_CAF, type AssessmentForm } from '../form.js';
import { formOfAssessment } from '../forms/repository.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { notify } from '../../notifications/index.js';
import { paths } from '../../platform/paths.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { addDays } from '../../platform/dates.js';
import type { Db, Queryable } from '../../platform/db.js';
import { FieldErrors, forbidden, notFound } from '../../platform/errors.js';
import { viewerOf } from '../../children/index.js';
import { openForUser, requireOpen } from '../access.js';
import { levelFromHistory, levelNamed, schemeInForce } from '../levels/service.js';
import * as repo from '../repository.js';
import type { AssessmentVersion, Referral } from '../types.js';
import * as writes from '../writes.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { leadProfessionalCriteria } from '../settings.js';
import * as referralRepo from './repository.js';
import { assessmentProblems } from '../errors.js';

/**
 * Escalation from a common assessment to children's social care or another specialist service
 * (002 para 108), with the assessment attached. The receiving service acknowledges, then accepts
 * or returns it with reasons; every referral has an acknowledgement deadline (004 para 202).
 */

export interface ReferralInput {
  toOrganisationId?: string;
  toService?: string;
  reason?: string;
  levelSought?: string;
}

export interface DecisionInput {
  decision?: string;
  reason?: string;
}

const REASON_MAX = 2000;

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
      const toService = (input.toService ?? '').trim();
      if (toService === '') errors.add('toService', 'required', 'Enter the service, like children’s social care');
      else if (toService.length > 200) errors.add('toService', 'max_length', 'Service must be 200 characters or less');
      const reason = (input.reason ?? '').trim();
      if (reason === '') errors.add('reason', 'required', 'Say why the child needs this service');
      else if (reason.length > REASON_MAX) errors.add('reason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
      const scheme = await schemeInForce(db, user.areaCode, todayOf(clock));
      const levelSought = levelNamed(scheme, input.levelSought ?? '');
      if (!levelSought)
        errors.add('levelSought', 'one_of', `Select the level of need the child has now: one of ${scheme.levels.map((l) => l.name).join(', ')}`);
      errors.throwIfAny();
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
          toService,
          reason,
          levelSought: levelSought?.level ?? '',
          sentBy: user.id,
          acknowledgeBy: addDays(todayOf(clock), acknowledgeWithinDays),
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
            toService,
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

    /** The referral with the assessment version it carries, for the receiving service; audited. */
    async viewReceived(
      user: User,
      referralId: string,
      ctx: RequestContext,
    ): Promise<{ referral: Referral; attached: AssessmentVersion | undefined; form: AssessmentForm }> {
      return db.transaction(async (tx) => {
        const referral = await received(tx, user, referralId);
        const attached = (await repo.listVersions(tx, referral.assessmentId)).find((v) => v.version === referral.assessmentVersion);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.viewed',
          subject: { type: 'referral', id: referral.id },
          details: { childIds: [referral.childId], assessmentId: referral.assessmentId, basis: 'referral' },
        });
        const assessed = await repo.findAssessment(tx, user.areaCode, referral.assessmentId);
        const form = assessed ? await formOfAssessment(tx, assessed) : NATIONAL_CAF;
        return { referral, attached, form };
      });
    },

    async acknowledge(user: User, referralId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const referral = await received(tx, user, referralId);
        if (referral.acknowledgedAt) throw assessmentProblems.alreadyAcknowledged('This referral has already been acknowledged.');
        await referralRepo.acknowledgeReferral(tx, referral.id, user.id, clock.now());
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'referral.acknowledged',
          subject: { type: 'referral', id: referral.id },
          details: { childIds: [referral.childId] },
        });
      });
    },

    /** Accepts (the child's level of need becomes the level sought) or returns with reasons. */
    async decide(user: User, referralId: string, input: DecisionInput, ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      const decision = (input.decision ?? '').trim();
      if (decision !== 'accepted' && decision !== 'returned')
        errors.add('decision', 'one_of', 'Select whether you accept the referral or return it');
      const reason = (input.reason ?? '').trim();
      if (decision === 'returned' && reason === '')
        errors.add('reason', 'required', 'Say why the referral is returned, and what would help instead');
      if (reason.length > REASON_MAX) errors.add('reason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const referral = await received(tx, user, referralId);
        if (referral.decision) throw assessmentProblems.referralDecided(`This referral was already ${referral.decision}.`);
        await referralRepo.decideReferral(tx, referral.id, decision as 'accepted' | 'returned', reason, user.id, clock.now());
        if (decision === 'accepted') {
          // The level as the referral sought it, even if the area's scheme has changed since.
          const level = await levelFromHistory(tx, user.areaCode, referral.levelSought);
          if (level) await writes.recordNeedLevel(tx, {
            areaCode: user.areaCode,
            childId: referral.childId,
            level,
            source: `referral accepted by ${referral.toService}`,
            assessmentId: referral.assessmentId,
            changedBy: user.id,
            changedAt: clock.now(),
          });
        }
        await recordAudit(tx, actorOf(user), ctx, {
          action: `referral.${decision}`,
          subject: { type: 'referral', id: referral.id },
          details: { childIds: [referral.childId], assessmentId: referral.assessmentId },
        });
      });
    },
  };
}

export type ReferralService = ReturnType<typeof referralService>;
