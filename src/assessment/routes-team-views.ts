import { needsOf } from './content.js';
import type { AssessmentDetails } from './types.js';
import { dateParts, type Form, type FormErrors } from '../platform/http/forms.js';

/** What the team around the child's pages read from a form and show of an episode (routes-team.ts). */

/** Error summary links for the date fields point at their first box. */
/** The team pages' GOV.UK date inputs. */
export const TEAM_DATES = ['joinedOn', 'leftOn', 'dueOn', 'heldOn'];
export const CLOSURE_HINTS: Record<string, string> = {
  'needs met': 'The child returns to universal services',
  escalated: 'A specialist service accepted a referral and now leads the work',
  'moved away': 'Give the family’s new area in the summary; the assessment can be exported for them',
  declined: 'The family no longer agree to the assessment or the support',
};

/** Three date boxes as the services read them ('D/M/YYYY'); all blank stays blank. */
export function dateText(form: Form, prefix: string): string {
  const { day, month, year } = dateParts(form, prefix);
  return [day, month, year].every((p) => p.trim() === '') ? '' : `${day.trim()}/${month.trim()}/${year.trim()}`;
}

export const currentTeam = (details: AssessmentDetails) => details.team.filter((m) => m.leftOn === null);
export const currentLead = (details: AssessmentDetails) => details.leadProfessionals.find((l) => l.endedAt === null);
export const latestVersion = (details: AssessmentDetails) => details.versions[details.versions.length - 1];

/** The needs the latest completed version found: what actions and reviews are about. */
export function needsOfLatest(details: AssessmentDetails) {
  const version = latestVersion(details);
  return version ? needsOf(version.content, details.form) : [];
}

export const memberItems = (details: AssessmentDetails, chosen: string | undefined) =>
  currentTeam(details).map((m) => ({
    value: m.id,
    text: m.practitionerName,
    hint: { text: [m.role, m.service, m.organisationName].filter(Boolean).join(', ') },
    checked: m.id === chosen,
  }));

/** Renames `progress[j].progress` errors (j counts the rows sent) back to the row on the page. */
export function remapProgressErrors(errors: FormErrors, sent: number[]): FormErrors {
  const rename = (key: string) => key.replace(/^progress\[(\d+)\]/, (_, j: string) => `progress[${sent[Number(j)] ?? j}]`);
  return { summary: errors.summary, byField: Object.fromEntries(Object.entries(errors.byField).map(([k, v]) => [rename(k), v])) };
}

/**
 * Progress on each need of a review: rows `progress[i].need` (hidden) and `progress[i].progress`.
 * Rows left blank are not sent; `sent[j]` is the page row of the j-th row sent, and `hrefs` points
 * each sent row's error at its box on the page.
 */
export function readProgress(form: Form): {
  progress: { need?: string; progress?: string }[];
  sent: number[];
  hrefs: Record<string, string>;
} {
  const sent: number[] = [];
  for (let i = 0; i < 100 && form[`progress[${i}].need`] !== undefined; i += 1)
    if ((form[`progress[${i}].progress`] ?? '').trim() !== '') sent.push(i);
  return {
    progress: sent.map((i) => ({ need: form[`progress[${i}].need`], progress: form[`progress[${i}].progress`] })),
    sent,
    hrefs: Object.fromEntries(sent.map((i, j) => [`progress[${j}].progress`, `progress-${i}`])),
  };
}
