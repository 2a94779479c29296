import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { isUuid } from '../../platform/ids.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors, notFound } from '../../platform/errors.js';
import { viewerOf } from '../../children/index.js';
import { requireOnTeam, loadForAccess, requireOpen } from '../access.js';
import { checkApprover, isSharingLegalBasis, legalBasisText, mayApproveSharing, SHARING_LEGAL_BASES } from '../consent-policy.js';
import * as sql from './repository.js';
import type { SharingProposal } from './repository.js';
import { seesChild } from '../visibility.js';
import * as writes from '../writes.js';
import { assessmentProblems } from '../errors.js';

/**
 * Sharing an assessment without consent (ADR 0006): one person proposes it with a legal basis from
 * SHARING_LEGAL_BASES and the detail; it takes effect only when a second person, a designated
 * safeguarding lead or a practice manager other than the proposer, approves (000 §2.28, 002 para 93).
 * The approval writes the "without consent" decision that access.ts reads, named for the approver.
 */

export interface ProposalInput {
  legalBasis?: string;
  detail?: string;
}

const DETAIL_MAX = 2000;

/** The one visibility rule: a proposal about a shielded child reaches only those the shielding named. */
const visibleTo = (user: User, p: SharingProposal): boolean => seesChild(p.childShield, viewerOf(user));

export function sharingService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** Anyone on the team may propose; nothing changes until a second person approves. */
    async propose(user: User, assessmentId: string, input: ProposalInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const legalBasis = (input.legalBasis ?? '').trim();
      const detail = (input.detail ?? '').trim();
      if (!isSharingLegalBasis(legalBasis))
        errors.add('legalBasis', 'one_of', `Select the legal basis: one of ${SHARING_LEGAL_BASES.map((b) => b.code).join(', ')}`);
      if (detail === '')
        errors.add('detail', 'required', 'Enter the detail: what the risk, crime, order or duty is, and why consent is not sought');
      else if (detail.length > DETAIL_MAX) errors.add('detail', 'max_length', `Detail must be ${DETAIL_MAX} characters or less`);
      errors.throwIfAny();
      if (!isSharingLegalBasis(legalBasis)) throw new Error('unreachable: legal basis checked above');
      return db.transaction(async (tx) => {
        const loaded = await loadForAccess(tx, user, assessmentId, true);
        const { assessment } = loaded;
        requireOnTeam(user, loaded);
        requireOpen(assessment);
        if ((await sql.listProposalsOfAssessment(tx, assessment.id)).some((p) => p.decision === null)) {
          const message = 'A proposal to share this assessment without consent is already waiting for approval.';
          throw assessmentProblems.proposalWaiting(message, { fieldErrors: [{ field: 'legalBasis', rule: 'one_waiting', message }] });
        }
        const id = await sql.insertProposal(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          legalBasis,
          detail,
          proposedBy: user.id,
          proposedAt: clock.now(),
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.sharing_without_consent_proposed',
          subject: { type: 'common_assessment', id: assessment.id },
          reason: detail,
          details: { childIds: [assessment.childId], proposalId: id, legalBasis },
        });
        return id;
      });
    },

    /** Proposals waiting for this person's decision: none for someone who cannot approve. */
    async listWaiting(user: User, ctx: RequestContext): Promise<(SharingProposal & { ownProposal: boolean })[]> {
      if (!mayApproveSharing(user)) return [];
      return db.transaction(async (tx) => {
        const waiting = (await sql.listWaitingProposals(tx, user.areaCode)).filter((p) => visibleTo(user, p));
        // The list names children: audited like every read that does (issue 11 §6).
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.sharing_proposals_listed',
          details: { childIds: [...new Set(waiting.map((p) => p.childId))], basis: 'approver of sharing without consent' },
        });
        return waiting.map((p) => ({ ...p, ownProposal: p.proposedBy === user.id }));
      });
    },

    /** The second person's decision; an approval opens the assessment to the whole team on that basis. */
    async decide(user: User, proposalId: string, decisionInput: string | undefined, noteInput: string | undefined, ctx: RequestContext) {
      const decision = (decisionInput ?? '').trim();
      const note = (noteInput ?? '').trim();
      const errors = new FieldErrors();
      if (decision !== 'approved' && decision !== 'rejected') errors.add('decision', 'one_of', 'Choose to approve or reject the proposal');
      if (note.length > DETAIL_MAX) errors.add('note', 'max_length', `Note must be ${DETAIL_MAX} characters or less`);
      errors.throwIfAny();
      const approved = decision === 'approved';
      return db.transaction(async (tx) => {
        const proposal = isUuid(proposalId) ? await sql.findProposalForDecision(tx, user.areaCode, proposalId) : undefined;
        if (!proposal || !visibleTo(user, proposal)) throw notFound('proposal');
        checkApprover(user, proposal.proposedBy);
        if (proposal.decision !== null) throw assessmentProblems.proposalDecided('Someone has already decided this proposal.');
        const { assessment } = await loadForAccess(tx, user, proposal.assessmentId, true);
        if (approved) requireOpen(assessment);
        const consentId = approved
          ? await writes.insertConsent(tx, {
              areaCode: user.areaCode,
              assessmentId: assessment.id,
              kind: 'without consent',
              givenByName: '',
              givenByRelationship: '',
              toRecord: true,
              shareWith: [],
              givenOn: todayOf(clock),
              method: '',
              legalBasis: `${legalBasisText(proposal.legalBasis)}: ${proposal.detail}`,
              decidedByName: user.displayName,
              recordedBy: user.id,
              recordedAt: clock.now(),
            })
          : null;
        await sql.decideProposal(tx, {
          proposalId: proposal.id,
          decidedBy: user.id,
          decision: approved ? 'approved' : 'rejected',
          note,
          consentId,
          decidedAt: clock.now(),
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: approved ? 'assessment.sharing_without_consent_approved' : 'assessment.sharing_without_consent_rejected',
          subject: { type: 'common_assessment', id: assessment.id },
          ...(note ? { reason: note } : {}),
          details: {
            childIds: [assessment.childId],
            proposalId: proposal.id,
            legalBasis: proposal.legalBasis,
            proposedBy: proposal.proposedBy,
            ...(consentId ? { consentId } : {}),
          },
        });
        return { decision: approved ? ('approved' as const) : ('rejected' as const), assessmentId: assessment.id, consentId };
      });
    },
  };
}

export type SharingService = ReturnType<typeof sharingService>;
