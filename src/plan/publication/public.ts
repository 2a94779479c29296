import { findArea } from '../../partnership/index.js';
import type { Db } from '../../platform/db.js';
import { planProblems } from '../errors.js';
import type { PlanPriority } from '../types.js';
import { LANGUAGE_FACTS, PLAN_LANGUAGES, PRINTABLE_LANGUAGES, type LanguageFacts, type PlanLanguage } from './languages.js';
import * as repo from './repository.js';
import { sectionTexts, type SectionText } from './sections.js';

/**
 * What the public reads without signing in (issue 18 item 6; 002 §7.3): the area's plan in force, which is the
 * version published last, its summary for children and young people, and its translations. Only plan_version
 * rows are read here: a draft, or a change made since publication, is never the public's.
 */

export interface LanguageLink extends LanguageFacts {
  code: PlanLanguage;
  /** Whether a PDF can be made in it (languages.ts PRINTABLE_LANGUAGES); otherwise the page is printed. */
  printable: boolean;
}

export interface PublishedPlan {
  area: { code: string; name: string };
  version: Omit<repo.VersionRow, 'content'>;
  title: string;
  periodStart: string;
  periodEnd: string;
  sections: SectionText[];
  priorities: PlanPriority[];
  languages: LanguageLink[];
}

export interface TranslatedPart {
  sectionId: string | null;
  /** The English title, for the reader who wants to find the same part in the English plan. */
  englishTitle: string;
  title: string;
  body: string;
}

export interface PublishedTranslation extends PublishedPlan {
  language: LanguageLink;
  /** The plan's title in the language (the summary translation's title), or null when not given. */
  translatedTitle: string | null;
  summary: TranslatedPart | null;
  translated: TranslatedPart[];
  /** The sections not yet translated: named in English with a link to the English plan. */
  untranslated: { id: string; title: string }[];
}

const linkOf = (code: PlanLanguage): LanguageLink => ({ code, ...LANGUAGE_FACTS[code], printable: PRINTABLE_LANGUAGES.has(code) });

export function publishedPlanService({ db }: { db: Db }) {
  async function current(areaCode: string): Promise<PublishedPlan> {
    const area = await findArea(db, areaCode);
    const version = area ? await repo.currentPublishedVersion(db, area.code) : undefined;
    if (!area || !version) throw planProblems.notFound(area ? `${area.name} has not published its Children and Young People’s Plan here yet` : 'No such area');
    const { content, ...rest } = version;
    const languages = (await repo.translatedLanguages(db, version.id)).map((l) => l.language).filter(PLAN_LANGUAGES.is);
    return {
      area: { code: area.code, name: area.name },
      version: rest,
      title: content.plan.title,
      periodStart: content.plan.periodStart,
      periodEnd: content.plan.periodEnd,
      sections: sectionTexts(content),
      priorities: content.priorities,
      languages: languages.map(linkOf),
    };
  }

  return {
    current,

    /** The plan in force in one language: the parts translated, and the sections not yet. */
    async inLanguage(areaCode: string, language: string): Promise<PublishedTranslation> {
      const plan = await current(areaCode);
      const chosen = plan.languages.find((l) => l.code === language);
      if (!chosen) throw planProblems.notFound(`${plan.area.name}’s plan has no translation into that language yet`);
      const rows = await repo.listTranslations(db, plan.version.id, chosen.code);
      const summaryRow = rows.find((r) => r.sectionId === null);
      const translated = plan.sections.flatMap((s): TranslatedPart[] => {
        const row = rows.find((r) => r.sectionId === s.id);
        return row ? [{ sectionId: s.id, englishTitle: s.title, title: row.title || s.title, body: row.body }] : [];
      });
      return {
        ...plan,
        language: chosen,
        translatedTitle: summaryRow?.title ? summaryRow.title : null,
        summary: summaryRow ? { sectionId: null, englishTitle: 'Summary for children and young people', title: summaryRow.title, body: summaryRow.body } : null,
        translated,
        untranslated: plan.sections.filter((s) => !rows.some((r) => r.sectionId === s.id)).map((s) => ({ id: s.id, title: s.title })),
      };
    },
  };
}

export type PublishedPlanService = ReturnType<typeof publishedPlanService>;
