import { findArea } from '../../partnership/index.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { planProblems } from '../errors.js';
import { optionalText, readOne, textOf } from '../participation/input.js';
import * as children from './children-repository.js';
import { BETTER_MAX, CHILD_AGE_GROUPS, LISTENED, MATTERS } from './children-questions.js';
import * as repo from './repository.js';
import { LANGUAGES, type Consultation } from './types.js';

/**
 * The children and young people's consultation on the public page (issue 18 item 4; ADR 0035): no sign-in, no
 * name, no address kept. Floods are held off before this runs (a rate limit per client on the route); a form
 * whose hidden honeypot field is filled is a robot's and is thrown away without a word, so it learns nothing.
 */

/** The honeypot: a field people never see (hidden from sight and from screen readers), which robots fill in. */
export const HONEYPOT_FIELD = 'website';

export interface ChildrenAnswerInput {
  matters?: unknown;
  listened?: unknown;
  better?: unknown;
  ageGroup?: unknown;
  language?: unknown;
  mayQuote?: unknown;
  [HONEYPOT_FIELD]?: unknown;
}

export function publicConsultation({ db, clock }: { db: Db; clock: Clock }) {
  async function areaOr404(areaCode: string) {
    const area = await findArea(db, areaCode);
    if (!area) throw planProblems.notFound('There is no such area');
    return area;
  }

  /** The area and its consultation open to children today, if any. */
  async function open(areaCode: string): Promise<{ area: { code: string; name: string }; consultation: Consultation | null }> {
    const area = await areaOr404(areaCode);
    const consultation = (await repo.findOpenChildrenConsultation(db, area.code, todayOf(clock))) ?? null;
    return { area: { code: area.code, name: area.name }, consultation };
  }

  return {
    open,

    /**
     * Keeps a child's answers, or (the honeypot filled) keeps nothing and says the same; 'discarded' tells the
     * route only so it can log it. Refused naming each field and rule; a consultation closed since the page was
     * opened is refused with the day it closed.
     */
    async answer(areaCode: string, input: ChildrenAnswerInput): Promise<'kept' | 'discarded'> {
      if (textOf(input[HONEYPOT_FIELD]) !== '') return 'discarded';
      const { area, consultation } = await open(areaCode);
      if (!consultation) throw planProblems.conflict('This consultation has closed. Thank you for wanting to have your say.');
      const errors = new FieldErrors();
      const matters = readOne(errors, 'matters', input.matters, MATTERS, 'Choose what matters most to you', { optional: true });
      const listened = readOne(errors, 'listened', input.listened, LISTENED, 'Choose yes, sometimes, no or I’m not sure', { optional: true });
      const better = optionalText(errors, 'better', input.better, 'what would make life better', BETTER_MAX);
      const ageGroup = readOne(errors, 'ageGroup', input.ageGroup, CHILD_AGE_GROUPS, 'Choose how old you are, or leave it blank', { optional: true });
      const language = readOne(errors, 'language', textOf(input.language) || 'en', LANGUAGES, 'Choose the language you wrote in');
      if (errors.errors.length === 0 && matters === null && listened === null && better === '')
        errors.add('matters', 'one_answer', 'Answer at least one question before you send your answers');
      errors.throwIfAny();
      const mayQuote = textOf(input.mayQuote) === 'yes' && better !== '';
      await db.transaction((tx) =>
        children.insertAnswer(tx, area.code, consultation.id, { matters, listened, better, ageGroup, language: language ?? 'en', quotation: mayQuote ? 'pending' : 'not_asked' }, clock.now()),
      );
      return 'kept';
    },
  };
}

export type PublicConsultation = ReturnType<typeof publicConsultation>;
