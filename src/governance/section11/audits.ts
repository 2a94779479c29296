import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { ChangeBy } from '../self-assessment/service.js';
import { readDay } from './days.js';
import { section11Problems } from './errors.js';
import * as repo from './repository.js';
import { SECTION11_RATING_WORDS, SECTION11_RATINGS } from './standards.js';
import type { AgencyRow, Round, Section11AnswerInput, Section11Audit } from './types.js';

/**
 * An agency's own side of section 11 (000 Appendix 1 §1.2): its staff fill in its audit, standard by
 * standard (a rating, the evidence, an improvement action with its owner and due date), save it as they
 * go and submit it; they answer the LSCB's challenge. A user of another agency neither sees nor changes
 * it: an audit is found only through the caller's own organisation.
 */

const MAX_EVIDENCE = 5000;

export function section11AuditsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The audit, if it is the caller's own agency's; otherwise not found (nothing said of another agency's). */
  async function ownAudit(user: User, id: string): Promise<Section11Audit> {
    const found = isUuid(id) ? await repo.findAudit(db, user.areaCode, id) : undefined;
    if (!found || found.organisationId !== user.organisationId)
      throw section11Problems.notFound('The audit you asked for does not exist, or it is not your agency’s');
    return found;
  }

  /** Checks answers as sent against the round's standards; every fault named by its standard's field. */
  function checked(found: Section11Audit, input: readonly Section11AnswerInput[]): repo.AnswerFields[] {
    const errors = new FieldErrors();
    const out: repo.AnswerFields[] = [];
    for (const a of input) {
      const standard = found.round.standards.find((s) => s.code === a.standardCode);
      if (!standard) {
        errors.add('standardCode', 'one_of', `“${a.standardCode}” is not one of this round’s standards`);
        continue;
      }
      const code = standard.code;
      const ratingText = (a.rating ?? '').trim();
      if (ratingText !== '' && !SECTION11_RATINGS.is(ratingText))
        errors.add(`rating-${code}`, 'one_of', `Rating for “${standard.title}” must be one of: ${SECTION11_RATINGS.values.map((r) => SECTION11_RATING_WORDS[r]).join(', ')}`);
      const evidence = (a.evidence ?? '').trim();
      if (evidence.length > MAX_EVIDENCE) errors.add(`evidence-${code}`, 'max_length', `Evidence must be ${MAX_EVIDENCE} characters or fewer`);
      const improvement = (a.improvement ?? '').trim();
      const improvementOwner = (a.improvementOwner ?? '').trim();
      if (improvement.length > 2000) errors.add(`improvement-${code}`, 'max_length', 'Improvement action must be 2000 characters or fewer');
      if (improvementOwner.length > 200) errors.add(`owner-${code}`, 'max_length', 'Owner must be 200 characters or fewer');
      const improvementDue = readDay(errors, `due-${code}`, 'Due date of the improvement action', a.improvementDue);
      if (improvement === '' && (improvementOwner !== '' || improvementDue))
        errors.add(`improvement-${code}`, 'required', `Enter the improvement action for “${standard.title}”, or clear its owner and due date`);
      if (improvement !== '' && improvementOwner === '') errors.add(`owner-${code}`, 'required', `Enter who owns the improvement action for “${standard.title}”`);
      if (improvement !== '' && improvementDue === null) errors.add(`due-${code}`, 'required', `Enter when the improvement action for “${standard.title}” is due`);
      out.push({
        standardCode: code,
        rating: SECTION11_RATINGS.is(ratingText) ? ratingText : null,
        evidence,
        improvement,
        improvementOwner,
        improvementDue: improvementDue ?? null,
      });
    }
    errors.throwIfAny();
    return out;
  }

  return {
    /** The caller's own agency's audits, newest round first, late ones marked. */
    async mine(user: User): Promise<(AgencyRow & { round: Omit<Round, 'standards'>; late: boolean })[]> {
      const day = today();
      return (await repo.listAgencyAudits(db, user.areaCode, user.organisationId)).map((a) => ({
        ...a,
        late: a.status !== 'submitted' && a.round.dueOn < day,
      }));
    },

    async find(user: User, id: string): Promise<Section11Audit & { late: boolean }> {
      const found = await ownAudit(user, id);
      return { ...found, late: found.status !== 'submitted' && found.round.dueOn < today() };
    },

    /** Saves answers as they stand (unanswered standards allowed): a draft, until submitted. */
    async save(by: ChangeBy, id: string, input: readonly Section11AnswerInput[]): Promise<void> {
      const found = await ownAudit(by.user, id);
      const answers = checked(found, input);
      if (found.status === 'submitted') throw section11Problems.submitted(`${found.organisationName}’s audit is submitted: it can no longer change`);
      await db.transaction(async (tx) => {
        await repo.saveAnswers(tx, id, answers, by.user.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.audit_saved',
          subject: { type: 'section11_audit', id },
          details: { roundId: found.roundId, answers: answers.map((a) => ({ standard: a.standardCode, rating: a.rating })) },
        });
      });
    },

    /**
     * Submits the audit: every standard rated with its evidence, and a standard not fully met given an
     * improvement action; a refusal names each standard at fault. What was saved stays saved.
     */
    async submit(by: ChangeBy, id: string): Promise<void> {
      const found = await ownAudit(by.user, id);
      if (found.status === 'submitted') throw section11Problems.submitted(`${found.organisationName}’s audit is already submitted`);
      const errors = new FieldErrors();
      for (const s of found.round.standards) {
        const a = found.answers.find((x) => x.standardCode === s.code);
        if (!a?.rating) errors.add(`rating-${s.code}`, 'required', `Select a rating for “${s.title}”: the standard is unanswered`);
        else if (a.evidence === '') errors.add(`evidence-${s.code}`, 'required', `Enter the evidence for “${s.title}”`);
        else if (a.rating !== 'met' && a.improvement === '')
          errors.add(`improvement-${s.code}`, 'improvement_required', `Enter an improvement action for “${s.title}”: it is not fully met`);
      }
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.markSubmitted(tx, id, by.user.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.audit_submitted',
          subject: { type: 'section11_audit', id },
          details: { roundId: found.roundId, organisationId: found.organisationId, late: found.round.dueOn < today() },
        });
      });
    },

    /** The agency's response to the LSCB's challenge. */
    async respond(by: ChangeBy, id: string, text: string | undefined): Promise<void> {
      const found = await ownAudit(by.user, id);
      if (found.challenge === '') throw section11Problems.noChallenge('The LSCB has not challenged this audit: there is nothing to respond to');
      const response = (text ?? '').trim();
      const errors = new FieldErrors();
      if (response === '') errors.add('response', 'required', 'Enter your agency’s response to the challenge');
      else if (response.length > 5000) errors.add('response', 'max_length', 'Response must be 5000 characters or fewer');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setResponse(tx, id, response, by.user.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.challenge_answered',
          subject: { type: 'section11_audit', id },
          details: { roundId: found.roundId, response },
        });
      });
    },
  };
}

export type Section11AuditsService = ReturnType<typeof section11AuditsService>;
