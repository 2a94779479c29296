import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { BodyGate } from '../audits-gate.js';
import { selfAssessmentProblems } from './errors.js';
import {
  QUESTION_WORDS,
  RATING_WORDS,
  ratingChange,
  SELF_ASSESSMENT_QUESTIONS,
  SELF_ASSESSMENT_RATINGS,
  yearWords,
  type SelfAssessmentQuestion,
  type SelfAssessmentRating,
} from './questions.js';
import * as repo from './repository.js';
import type { AnswerInput, Comparison, SelfAssessment, SelfAssessmentSummary } from './types.js';

/**
 * The board's self-assessment against the Audit Commission's seven questions (001 §2; issue 16 item 7).
 * The trust board's members, chair and secretariat take part (the body rule of governance/access.ts, asked
 * through the gate); the chair or the secretariat agrees it. One per board and year; compared year on year.
 */

export interface ChangeBy {
  user: User;
  actor: Actor;
  ctx: RequestContext;
}

export interface SelfAssessmentView extends SelfAssessment {
  /** A member may change the answers while it is a draft. */
  canEdit: boolean;
  /** The chair or the secretariat may agree a draft. */
  canAgree: boolean;
  previousId: string | null;
}

const MAX_EVIDENCE = 5000;

const summaryOf = (s: SelfAssessment): SelfAssessmentSummary => ({
  id: s.id,
  bodyId: s.bodyId,
  bodyName: s.bodyName,
  year: s.year,
  status: s.status,
  startedAt: s.startedAt,
  agreedAt: s.agreedAt,
  agreedByName: s.agreedByName,
});

export function selfAssessmentService({ db, clock, gate }: { db: Db; clock: Clock; gate: BodyGate }) {
  const audit = auditWithClock(clock);
  const thisYear = () => Number(todayOf(clock).slice(0, 4));

  /** The self-assessment, if the caller takes part in its body's business; otherwise not found (nothing said of it). */
  async function visible(user: User, id: string) {
    const found = isUuid(id) ? await repo.findSelfAssessment(db, user.areaCode, id) : undefined;
    const access = found ? await gate.access(db, user, found.bodyId) : undefined;
    if (!found || !access?.read) throw selfAssessmentProblems.notFound('The self-assessment you asked for does not exist, or you cannot see it');
    return { found, access };
  }

  /** Checks answers as sent: each question one of the seven, each rating on the scale, evidence not too long. */
  function checkedAnswers(input: readonly AnswerInput[]) {
    const errors = new FieldErrors();
    const answers: { question: SelfAssessmentQuestion; rating: SelfAssessmentRating | null; evidence: string }[] = [];
    for (const a of input) {
      if (!SELF_ASSESSMENT_QUESTIONS.is(a.question)) {
        errors.add(`question`, 'one_of', `“${String(a.question)}” is not one of the seven questions`);
        continue;
      }
      const ratingText = (a.rating ?? '').trim();
      const evidence = (a.evidence ?? '').trim();
      if (ratingText !== '' && !SELF_ASSESSMENT_RATINGS.is(ratingText))
        errors.add(`rating-${a.question}`, 'one_of', `Rating for “${QUESTION_WORDS[a.question]}” must be one of: ${SELF_ASSESSMENT_RATINGS.values.map((r) => RATING_WORDS[r].label).join(', ')}`);
      if (evidence.length > MAX_EVIDENCE) errors.add(`evidence-${a.question}`, 'max_length', `Evidence must be ${MAX_EVIDENCE} characters or fewer`);
      answers.push({ question: a.question, rating: SELF_ASSESSMENT_RATINGS.is(ratingText) ? ratingText : null, evidence });
    }
    errors.throwIfAny();
    return answers;
  }

  return {
    /** The year a new self-assessment is offered for: the current one. */
    thisYear,

    /** The self-assessments of the boards whose business the caller takes part in, and the board they may start one for. */
    async list(user: User): Promise<{ selfAssessments: SelfAssessmentSummary[]; board: { id: string; name: string } | null; canStart: boolean }> {
      const board = await gate.trustBoard(db, user.areaCode);
      const access = board ? await gate.access(db, user, board.id) : undefined;
      if (!board || !access?.read) return { selfAssessments: [], board: null, canStart: false };
      return { selfAssessments: await repo.listSelfAssessments(db, user.areaCode, [board.id]), board, canStart: access.member };
    },

    /** Starts the board's self-assessment for a year (a draft, every question unanswered). */
    async start(by: ChangeBy, yearText: string | number | undefined): Promise<string> {
      const errors = new FieldErrors();
      const text = String(yearText ?? '').trim();
      const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
      if (text === '') errors.add('year', 'required', 'Enter the year the self-assessment is for, like 2026');
      else if (Number.isNaN(year)) errors.add('year', 'year_format', 'Year must be a four-digit year, like 2026');
      else if (year < 2004 || year > thisYear() + 1)
        errors.add('year', 'year_range', `Year must be between 2004 and ${thisYear() + 1}: a children’s trust board can assess a year that has started, or the next`);
      errors.throwIfAny();
      const board = await gate.trustBoard(db, by.user.areaCode);
      if (!board) throw selfAssessmentProblems.noBoard('The area has no children’s trust board yet: the area administrator sets it up first');
      const access = await gate.access(db, by.user, board.id);
      if (!access.read) throw selfAssessmentProblems.notFound('Only the board’s members, chair and secretariat take part in its self-assessment');
      if (!access.member) throw selfAssessmentProblems.notMember('Only the board’s members, chair and secretariat take part in its self-assessment');
      if (await repo.yearTaken(db, board.id, year)) {
        const message = `${board.name} already has a self-assessment for ${yearWords(year)}: open it instead`;
        throw selfAssessmentProblems.yearTaken(message, { fieldErrors: [{ field: 'year', rule: 'unique', message }] });
      }
      return db.transaction(async (tx) => {
        const id = await repo.insertSelfAssessment(tx, { areaCode: by.user.areaCode, bodyId: board.id, year, userId: by.user.id, at: clock.now() });
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.self_assessment_started',
          subject: { type: 'board_self_assessment', id },
          details: { bodyId: board.id, year },
        });
        return id;
      });
    },

    async find(user: User, id: string): Promise<SelfAssessmentView> {
      const { found, access } = await visible(user, id);
      const draft = found.status === 'draft';
      return { ...found, canEdit: draft && access.member, canAgree: draft && access.manage, previousId: (await repo.findPreviousYear(db, found.bodyId, found.year)) ?? null };
    },

    /** Saves answers to a draft; nothing else changes. A rating outside the scale is refused naming its question. */
    async save(by: ChangeBy, id: string, input: readonly AnswerInput[]): Promise<void> {
      const { found, access } = await visible(by.user, id);
      if (!access.member) throw selfAssessmentProblems.notMember('Only the board’s members, chair and secretariat answer its self-assessment');
      const answers = checkedAnswers(input);
      if (found.status !== 'draft') throw selfAssessmentProblems.agreed(`The self-assessment for ${yearWords(found.year)} is agreed: it can no longer change`);
      await db.transaction(async (tx) => {
        await repo.saveAnswers(tx, id, answers, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.self_assessment_saved',
          subject: { type: 'board_self_assessment', id },
          details: { year: found.year, answers: answers.map((a) => ({ question: a.question, rating: a.rating })) },
        });
      });
    },

    /** The chair or the secretariat agrees the self-assessment: every question must have a rating and evidence. */
    async agree(by: ChangeBy, id: string): Promise<void> {
      const { found, access } = await visible(by.user, id);
      if (!access.manage) throw selfAssessmentProblems.notChairOrSecretariat('Only the board’s chair or its secretariat can agree its self-assessment');
      if (found.status !== 'draft') throw selfAssessmentProblems.agreed(`The self-assessment for ${yearWords(found.year)} is already agreed`);
      const errors = new FieldErrors();
      for (const a of found.answers) {
        if (a.rating === null) errors.add(`rating-${a.question}`, 'required', `Select a rating for “${QUESTION_WORDS[a.question]}”`);
        else if (a.evidence === '') errors.add(`evidence-${a.question}`, 'required', `Enter the evidence for “${QUESTION_WORDS[a.question]}”`);
      }
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.markAgreed(tx, id, by.user.id, clock.now());
        await audit(tx, by.actor, by.ctx, { action: 'governance.self_assessment_agreed', subject: { type: 'board_self_assessment', id }, details: { year: found.year } });
      });
    },

    /** This year's ratings beside the body's previous self-assessment's, each change in words. */
    async compare(user: User, id: string): Promise<Comparison> {
      const { found } = await visible(user, id);
      const previousId = await repo.findPreviousYear(db, found.bodyId, found.year);
      const before = previousId ? await repo.findSelfAssessment(db, user.areaCode, previousId) : undefined;
      return {
        before: before ? summaryOf(before) : null,
        after: summaryOf(found),
        rows: found.answers.map((a) => {
          const was = before?.answers.find((b) => b.question === a.question)?.rating ?? null;
          const change = before ? ratingChange(was, a.rating) : { kind: 'unknown' as const, words: 'No earlier self-assessment to compare with' };
          return { question: a.question, words: QUESTION_WORDS[a.question], before: was, after: a.rating, change: change.kind, changeWords: change.words };
        }),
      };
    },
  };
}

export type SelfAssessmentService = ReturnType<typeof selfAssessmentService>;
