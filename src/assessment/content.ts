import { FieldErrors } from '../platform/errors.js';
import { checkDateInput } from '../children/index.js';
import { elementKeys, type AssessmentForm } from './form.js';
import type { NeedLevelScheme } from './levels/types.js';
import type { AgreedAction, AssessmentContent } from './types.js';

/** Reading what a practitioner wrote in an assessment, and the rules for completing one. */

export const TEXT_MAX = 5000;
export const ACTION_ROWS_MAX = 30;

export const emptyContent = (): AssessmentContent => ({
  reasonForAssessment: '',
  family: '',
  servicesInvolved: '',
  elements: {},
  childViews: '',
  parentViews: '',
  conclusions: '',
  agreedActions: [],
  levelOfNeed: '',
});

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** 'YYYY-MM-DD', or 'D/M/YYYY' as people type it; anything else is kept for the error message. */
export function readDate(value: string, label: string): { ok: true; value: string } | { ok: false; rule: string; message: string } {
  const dm = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(value.trim());
  const check = dm ? checkDateInput({ day: dm[1] ?? '', month: dm[2] ?? '', year: dm[3] ?? '' }, label) : checkDateInput(value, label);
  if (!check) return { ok: false, rule: 'required', message: `Enter ${label.toLowerCase()}` };
  if (!check.ok && check.rule === 'date_format')
    return { ok: false, rule: 'date_format', message: `${label} must be a real date, like 27/3/2027` };
  return check;
}

/**
 * What was sent, as content for this form: unknown elements dropped, text trimmed, blank action
 * rows left out. Faults that would lose data (text too long) are errors even in a draft.
 */
export function readContent(
  input: unknown,
  form: AssessmentForm,
  scheme: NeedLevelScheme,
): { content: AssessmentContent; errors: FieldErrors } {
  const errors = new FieldErrors();
  const source = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const content = emptyContent();
  const longText = (field: string, label: string, value: unknown): string => {
    const t = text(value);
    if (t.length > TEXT_MAX) errors.add(field, 'max_length', `${label} must be ${TEXT_MAX} characters or less`);
    return t;
  };
  content.reasonForAssessment = longText('reasonForAssessment', 'Reason for the assessment', source.reasonForAssessment);
  content.family = longText('family', 'Family and household', source.family);
  content.servicesInvolved = longText('servicesInvolved', 'Services involved', source.servicesInvolved);
  content.childViews = longText('childViews', 'The child or young person’s views', source.childViews);
  content.parentViews = longText('parentViews', 'The parent or carer’s views', source.parentViews);
  content.conclusions = longText('conclusions', 'Conclusions', source.conclusions);
  const level = text(source.levelOfNeed);
  // The area's own levels (004 para 232), spelt as its scheme spells them.
  const found = scheme.levels.find((l) => l.name.toLowerCase() === level.toLowerCase());
  if (level === '' || found) content.levelOfNeed = found?.name ?? '';
  else errors.add('levelOfNeed', 'one_of', `Level of need must be one of: ${scheme.levels.map((l) => l.name).join(', ')}`);

  const elements = (source.elements && typeof source.elements === 'object' ? source.elements : {}) as Record<string, unknown>;
  for (const key of elementKeys(form)) {
    const entry = (elements[key] && typeof elements[key] === 'object' ? elements[key] : {}) as Record<string, unknown>;
    const strengths = longText(`elements.${key}.strengths`, 'Strengths', entry.strengths);
    const needs = longText(`elements.${key}.needs`, 'Needs', entry.needs);
    if (strengths !== '' || needs !== '') content.elements[key] = { strengths, needs };
  }

  const rows = Array.isArray(source.agreedActions) ? source.agreedActions : [];
  if (rows.length > ACTION_ROWS_MAX)
    errors.add('agreedActions', 'max_items', `Agree at most ${ACTION_ROWS_MAX} actions in the assessment; add more to the action plan`);
  content.agreedActions = rows
    .slice(0, ACTION_ROWS_MAX)
    .map((r): AgreedAction => {
      const row = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      return { who: text(row.who).slice(0, 200), what: text(row.what).slice(0, TEXT_MAX), byWhen: text(row.byWhen) };
    })
    .filter((a) => a.who !== '' || a.what !== '' || a.byWhen !== '');
  return { content, errors };
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/**
 * The form's domains in words, from its definition: the national CAF's are "the three domains"; a
 * local form has its own count (004 para 186), and a form of one domain is named by that domain.
 */
export function domainsInWords(form: AssessmentForm): string {
  const [only, ...others] = form.domains;
  if (only && others.length === 0) return `“${only.title}”`;
  return `the ${NUMBER_WORDS[form.domains.length] ?? String(form.domains.length)} domains`;
}

/** The rules for completing (and so locking) an assessment on its form: each fault names its field. */
export function checkComplete(content: AssessmentContent, form: AssessmentForm, errors: FieldErrors): void {
  if (content.reasonForAssessment === '') errors.add('reasonForAssessment', 'required', 'Enter the reason for the assessment');
  if (Object.keys(content.elements).length === 0)
    errors.add('elements', 'at_least_one', `Record strengths or needs for at least one element of ${domainsInWords(form)}`);
  if (content.childViews === '')
    errors.add('childViews', 'required', 'Record the child or young person’s views, or why they could not be given');
  if (content.parentViews === '')
    errors.add('parentViews', 'required', 'Record the parent or carer’s views, or why they could not be given');
  if (content.conclusions === '') errors.add('conclusions', 'required', 'Enter the conclusions of the assessment');
  if (content.levelOfNeed === '') errors.add('levelOfNeed', 'required', 'Select the level of need the assessment shows');
  if (content.agreedActions.length === 0)
    errors.add('agreedActions', 'at_least_one', 'Agree at least one action: who will do what, by when');
  content.agreedActions.forEach((a, i) => {
    const field = `agreedActions[${i}]`;
    if (a.who === '') errors.add(`${field}.who`, 'required', `Action ${i + 1}: enter who will do it`);
    if (a.what === '') errors.add(`${field}.what`, 'required', `Action ${i + 1}: enter what they will do`);
    const date = readDate(a.byWhen, `Action ${i + 1} date`);
    if (!date.ok) errors.add(`${field}.byWhen`, date.rule, date.message);
    else a.byWhen = date.value;
  });
}

/** The needs written in an assessment, one line per element that has any: what reviews report progress on. */
export function needsOf(content: AssessmentContent, form: AssessmentForm): { key: string; title: string; needs: string }[] {
  return form.domains.flatMap((d) =>
    d.elements
      .map((e) => ({ key: `${d.code}.${e.code}`, title: e.title, needs: content.elements[`${d.code}.${e.code}`]?.needs ?? '' }))
      .filter((n) => n.needs !== ''),
  );
}

const CONTENT_FIELDS = new Set(Object.keys(emptyContent()));
const ENTRY_FIELDS = new Set(['strengths', 'needs']);
const ACTION_FIELDS = new Set(['who', 'what', 'byWhen']);

/**
 * Fields sent that the form does not have, each by its path (`elements.development.helth`): a save
 * that names them is refused rather than dropping what was typed under a misspelt name (issue 11).
 */
export function unknownContentFields(input: unknown, form: AssessmentForm): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  const unknown: string[] = [];
  const keys = new Set(elementKeys(form));
  for (const [field, value] of Object.entries(input)) {
    if (!CONTENT_FIELDS.has(field)) unknown.push(field);
    else if (field === 'elements' && value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        if (!keys.has(key)) unknown.push(`elements.${key}`);
        else if (entry && typeof entry === 'object')
          unknown.push(
            ...Object.keys(entry)
              .filter((k) => !ENTRY_FIELDS.has(k))
              .map((k) => `elements.${key}.${k}`),
          );
      }
    } else if (field === 'agreedActions' && Array.isArray(value)) {
      value.forEach((row: unknown, i) => {
        if (row && typeof row === 'object')
          unknown.push(
            ...Object.keys(row)
              .filter((k) => !ACTION_FIELDS.has(k))
              .map((k) => `agreedActions[${i}].${k}`),
          );
      });
    }
  }
  return unknown;
}
