import type { Banner } from './banners.js';
import { ACTION_ROWS_MAX } from './content.js';
import { elementKeys, type AssessmentForm } from './form.js';
import type { CurrentDraft } from './drafts.js';
import { needLevelItems } from './routes-forms.js';
import type { NeedLevelDefinition } from './levels/types.js';
import type { AgreedAction, AssessmentContent } from './types.js';
import type { Form, FormErrors } from '../platform/http/forms.js';

/**
 * The assessment form's fields, read and filled: the pages send one flat form with a field per
 * box, and the services take the nested content (content.ts). Field names are the ids the error
 * summary links to, so an error about a box always reaches it.
 */

/** Blank rows for agreed actions under those already written (more can be added after saving). */
export const BLANK_ACTION_ROWS = 5;

/** What the assessment form sends, in the nested shape readContent takes. */
export type WrittenContent = Omit<AssessmentContent, 'levelOfNeed'> & { levelOfNeed: string };

/**
 * The flat form ('elements.development.health.needs', 'agreedActions[2].who') as nested content.
 * Blank action rows are left out here, so an error about action n names the nth row shown again.
 */
export function contentFromForm(form: Form, assessmentForm: AssessmentForm): WrittenContent {
  const rowNumbers = Object.keys(form)
    .map((k) => /^agreedActions\[(\d{1,3})\]\.(?:who|what|byWhen)$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const rows = Math.min(Math.max(-1, ...rowNumbers) + 1, ACTION_ROWS_MAX + BLANK_ACTION_ROWS);
  const agreedActions: AgreedAction[] = [];
  for (let i = 0; i < rows; i += 1) {
    const row = {
      who: form[`agreedActions[${i}].who`] ?? '',
      what: form[`agreedActions[${i}].what`] ?? '',
      byWhen: form[`agreedActions[${i}].byWhen`] ?? '',
    };
    if (row.who.trim() !== '' || row.what.trim() !== '' || row.byWhen.trim() !== '') agreedActions.push(row);
  }
  return {
    reasonForAssessment: form.reasonForAssessment ?? '',
    family: form.family ?? '',
    servicesInvolved: form.servicesInvolved ?? '',
    elements: Object.fromEntries(
      elementKeys(assessmentForm).map((key) => [
        key,
        { strengths: form[`elements.${key}.strengths`] ?? '', needs: form[`elements.${key}.needs`] ?? '' },
      ]),
    ),
    childViews: form.childViews ?? '',
    parentViews: form.parentViews ?? '',
    conclusions: form.conclusions ?? '',
    levelOfNeed: form.levelOfNeed ?? '',
    agreedActions,
  };
}

/** 'YYYY-MM-DD' as people type it in the form: 27/3/2027. */
export const typedDate = (value: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : value;
};

/** Content as the form's field values: the inverse of contentFromForm. */
export function formValuesOf(content: WrittenContent | AssessmentContent): Form {
  const values: Form = {
    reasonForAssessment: content.reasonForAssessment,
    family: content.family,
    servicesInvolved: content.servicesInvolved,
    childViews: content.childViews,
    parentViews: content.parentViews,
    conclusions: content.conclusions,
    levelOfNeed: content.levelOfNeed,
  };
  for (const [key, entry] of Object.entries(content.elements)) {
    values[`elements.${key}.strengths`] = entry.strengths;
    values[`elements.${key}.needs`] = entry.needs;
  }
  content.agreedActions.forEach((a, i) => {
    values[`agreedActions[${i}].who`] = a.who;
    values[`agreedActions[${i}].what`] = a.what;
    values[`agreedActions[${i}].byWhen`] = typedDate(a.byWhen);
  });
  return values;
}

export const formOfAssessment = (details: { form: AssessmentForm }): AssessmentForm => details.form;

/** The field to send an error summary link to when the error is about a group, not one box. */
export const contentHrefs = (assessmentForm: AssessmentForm): Record<string, string> => ({
  elements: `elements.${elementKeys(assessmentForm)[0] ?? ''}.strengths`,
  agreedActions: 'agreedActions[0].who',
});

export interface EditData {
  values: Form;
  errors?: FormErrors;
  hasVersion: boolean;
  noConsent: boolean;
  /** The area's levels of need in force (its scheme). */
  schemeLevels: readonly NeedLevelDefinition[];
  draftSavedAt?: Date | null;
  /** The draft version the form is based on, sent back with the save. */
  draftVersion: number;
  /** What someone else saved since the form was opened, when a save was refused as stale. */
  stale?: CurrentDraft;
  /** The confirmation shown after a save (banners.ts). */
  banner?: Banner;
}

/** The edit page's data: the form's boxes with what was written, and enough blank action rows. */
export function editPage(id: string, assessmentForm: AssessmentForm, data: EditData) {
  const written = Object.keys(data.values).filter((k) => /^agreedActions\[\d+\]\.who$/.test(k)).length;
  return {
    pageTitle: 'Write the common assessment',
    id,
    form: assessmentForm,
    levels: needLevelItems(data.schemeLevels, data.values.levelOfNeed),
    actionRows: Array.from({ length: Math.min(written + BLANK_ACTION_ROWS, ACTION_ROWS_MAX) }, (_, i) => ({
      who: `agreedActions[${i}].who`,
      what: `agreedActions[${i}].what`,
      byWhen: `agreedActions[${i}].byWhen`,
      number: i + 1,
    })),
    ...data,
  };
}
