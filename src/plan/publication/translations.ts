import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { LANGUAGE_FACTS, PLAN_LANGUAGES, type PlanLanguage } from './languages.js';
import * as repo from './repository.js';
import { sectionTexts } from './sections.js';
import { textOf, type PublicationCaller } from './caller.js';

/**
 * Translations of a published version (issue 18 item 6; 002 §7.3: the plan and the summary in community
 * languages): the area adds, per language, the translation of any of the version's sections and of its summary
 * for children and young people. A translation is of a version's exact words, so it is added to a version, and
 * carried to the next only where those words did not change. A section the version does not have is refused.
 */

export const SUMMARY_PART = 'summary';
const TITLE_MAX = 200;
const BODY_MAX = 20_000;

export interface TranslationInput {
  language?: unknown;
  /** A section's id in the version, or `summary`. */
  part?: unknown;
  title?: unknown;
  body?: unknown;
}

type VersionFor = (user: User, planId: string, number: unknown) => Promise<repo.VersionRow>;

export function translationsService({ db, clock, versionFor }: { db: Db; clock: Clock; versionFor: VersionFor }) {
  const audit = auditWithClock(clock);

  /** One part checked against the version; faults named by `names` (the form's fields, or the API's paths). */
  function checkPart(version: repo.VersionRow, input: TranslationInput, errors: FieldErrors, names = { part: 'part', title: 'title', body: 'body' }) {
    const part = textOf(input.part);
    const sections = sectionTexts(version.content);
    const section = sections.find((s) => s.id === part);
    if (part === '') errors.add(names.part, 'required', 'Select the section to translate, or the summary for children and young people');
    else if (part !== SUMMARY_PART && !section)
      errors.add(
        names.part,
        'known_section',
        `Version ${version.number} of the plan has no section “${part.slice(0, 60)}”: translate one of its sections (${sections.map((s) => s.title).join(', ')}) or the summary for children and young people`,
      );
    if (part === SUMMARY_PART && version.childrenSummary === '')
      errors.add(names.part, 'no_summary', `Version ${version.number} has no summary for children and young people to translate`);
    const title = textOf(input.title);
    if (title.length > TITLE_MAX) errors.add(names.title, 'max_length', `The title must be ${TITLE_MAX} characters or fewer`);
    const body = textOf(input.body);
    if (body === '') errors.add(names.body, 'required', 'Enter the translation');
    else if (body.length > BODY_MAX) errors.add(names.body, 'max_length', `The translation must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer: it has ${body.length.toLocaleString('en-GB')}`);
    return { sectionId: part === SUMMARY_PART ? null : (section?.id ?? null), title, body };
  }

  const languageOf = (value: unknown, errors: FieldErrors): PlanLanguage | undefined => {
    const language = textOf(value);
    if (PLAN_LANGUAGES.is(language)) return language;
    errors.add('language', 'one_of', `Select a language: ${PLAN_LANGUAGES.values.map((l) => LANGUAGE_FACTS[l].name).join(', ')}`);
    return undefined;
  };

  async function save(by: PublicationCaller, version: repo.VersionRow, language: PlanLanguage, parts: { sectionId: string | null; title: string; body: string }[]) {
    await db.transaction(async (tx) => {
      const at = clock.now();
      for (const p of parts)
        await repo.saveTranslation(tx, { areaCode: version.areaCode, versionId: version.id, language, ...p, at, by: by.user.id, byName: by.user.displayName });
      await audit(tx, actorOf(by.user), by.ctx, {
        action: 'plan.translation_saved',
        subject: { type: 'plan', id: version.planId },
        details: { version: version.number, language, parts: parts.map((p) => p.sectionId ?? SUMMARY_PART) },
      });
    });
  }

  return {
    /** The version, its sections and its translations, for the translations page. */
    async list(user: User, planId: string, number: unknown) {
      const version = await versionFor(user, planId, number);
      return { version, sections: sectionTexts(version.content), translations: await repo.listTranslations(db, version.id) };
    },

    /** Adds (or replaces) the translation of one section, or of the summary, into one language. */
    async saveOne(by: PublicationCaller, planId: string, number: unknown, input: TranslationInput): Promise<PlanLanguage> {
      const version = await versionFor(by.user, planId, number);
      const errors = new FieldErrors();
      const language = languageOf(input.language, errors);
      const part = checkPart(version, input, errors);
      errors.throwIfAny();
      if (!language) throw new Error('unreachable: checked above');
      await save(by, version, language, [part]);
      return language;
    },

    /** Adds the translations of several parts into one language at once: all or none (the API's). */
    async saveMany(by: PublicationCaller, planId: string, number: unknown, language: unknown, input: { summary?: { title?: unknown; body?: unknown }; sections?: { sectionId?: unknown; title?: unknown; body?: unknown }[] }) {
      const version = await versionFor(by.user, planId, number);
      const errors = new FieldErrors();
      const chosen = languageOf(language, errors);
      const parts = [
        ...(input.summary ? [checkPart(version, { part: SUMMARY_PART, ...input.summary }, errors, { part: 'summary', title: 'summary.title', body: 'summary.body' })] : []),
        ...(input.sections ?? []).map((s, i) =>
          checkPart(version, { part: s.sectionId, title: s.title, body: s.body }, errors, { part: `sections[${i}].sectionId`, title: `sections[${i}].title`, body: `sections[${i}].body` }),
        ),
      ];
      if (parts.length === 0) errors.add('sections', 'required', 'Give the translation of at least one section or of the summary');
      errors.throwIfAny();
      if (!chosen) throw new Error('unreachable: checked above');
      await save(by, version, chosen, parts);
      return { language: chosen, saved: parts.length };
    },
  };
}
