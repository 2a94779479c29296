import type { FastifyReply } from 'fastify';
import { formatDate } from '../platform/dates.js';
import { AppError } from '../platform/errors.js';
import { pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';

/** What the child index's pages share: the "why" question, showing data, paging. Forms are read with platform/http/forms. */

// ---- Why are you looking? --------------------------------------------------------------------

export const OTHER_REASON = 'Other';
export const FRONT_LINE_REASONS = [
  'I am working with this child',
  'Safeguarding concern',
  'Checking before a referral or assessment',
  OTHER_REASON,
] as const;
export const AUDIT_REASONS = [
  'Responding to a subject access request',
  'Investigating a complaint or concern',
  'Routine audit of access',
  OTHER_REASON,
] as const;

export interface ReasonAnswer {
  /** What goes to the service and the audit trail. */
  reason: string;
  choice: string;
  detail: string;
}

/** The radios ('reason') and the details box ('reasonDetail'); a hidden 'reason' carries one already given. */
export function readReason(form: Form): ReasonAnswer {
  const choice = (form.reason ?? '').trim();
  const detail = (form.reasonDetail ?? '').replace(/\s+/g, ' ').trim();
  if (choice === OTHER_REASON || choice === '') return { reason: detail, choice, detail };
  return { reason: detail === '' ? choice : `${choice}: ${detail}`, choice, detail };
}

/** The "why are you looking?" page in front of a record or a report. */
export function showReasonPage(
  reply: FastifyReply,
  page: {
    action: string;
    heading: string;
    choices?: readonly string[];
    values?: Form;
    errors?: FormErrors;
    banner?: unknown;
    button?: string;
  },
  status = 200,
): FastifyReply {
  const { choices = FRONT_LINE_REASONS, values = {}, ...rest } = page;
  return show(
    reply,
    'reason.njk',
    {
      pageTitle: page.heading,
      button: 'Continue',
      hint: choices === AUDIT_REASONS ? 'Your reason is recorded in the audit trail.' : undefined,
      ...rest,
      values,
      reasons: reasonItems(choices, values.reason ?? ''),
    },
    status,
  );
}

export function reasonItems(choices: readonly string[], selected: string): { value: string; text: string; checked: boolean }[] {
  return choices.map((c) => ({ value: c, text: c, checked: c === selected }));
}

/** Runs work with the reason; a fault in the details the person typed is shown against the details box. */
export async function withReason<T>(answer: ReasonAnswer, work: (reason: string) => Promise<T>): Promise<T> {
  try {
    return await work(answer.reason);
  } catch (error) {
    const aboutDetail = (rule: string) => answer.choice === OTHER_REASON || (rule === 'max_length' && answer.detail !== '');
    if (error instanceof AppError && error.fieldErrors.some((e) => e.field === 'reason' && aboutDetail(e.rule))) {
      const fieldErrors = error.fieldErrors.map((e) =>
        e.field === 'reason' && aboutDetail(e.rule)
          ? {
              ...e,
              field: 'reasonDetail',
              message: e.rule === 'required' ? 'Give details of why you need this information' : e.message,
            }
          : e,
      );
      throw error.withFieldErrors(fieldErrors);
    }
    throw error;
  }
}

// ---- Showing data ------------------------------------------------------------------------------

/** An NHS number as it is printed: 943 476 5919. */
export const formatNhsNumber = (value: string | null | undefined): string =>
  value && /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : (value ?? '');

export const GENDER_LABELS: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not known' };

/** Helpers the templates call: {{ fmt.date(child.dateOfBirth) }}. */
export const fmt = { date: formatDate, nhs: formatNhsNumber, gender: (g: string) => GENDER_LABELS[g] ?? g };

/** Renders one of src/children/views/ with the helpers its templates use. */
export const show = pageRenderer('children/views', { fmt });

export function matchTag(quality: number): { text: string; classes: string } {
  if (quality >= 0.85) return { text: 'Strong', classes: 'govuk-tag--green' };
  if (quality >= 0.6) return { text: 'Possible', classes: 'govuk-tag--yellow' };
  return { text: 'Weak', classes: 'govuk-tag--grey' };
}

/** The record version a form carries back (a hidden field); 0, which no record has, when it is missing or not a number. */
export const versionOf = (form: Form): number => {
  const version = Number.parseInt(form.version ?? '', 10);
  return Number.isInteger(version) ? version : 0;
};

// ---- Paging ------------------------------------------------------------------------------------

/** `?page=` as GOV.UK services read it: anything but a whole number of 1 or more means the first page. */
export const pageAsked = (value: string | undefined): number => (/^[1-9]\d{0,8}$/.test(value ?? '') ? Number(value) : 1);

export { paginationOf } from '../platform/http/pagination.js';
