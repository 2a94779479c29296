import type { FastifyReply } from 'fastify';
import { handleForm, type FormErrors } from '../platform/http/views.js';
import { AppError } from '../platform/errors.js';
import type { DateParts } from './input.js';

/** What the child index's pages share: reading forms, the "why" question, error summaries, dates. */

export type Form = Record<string, string | undefined>;

/** Renders one of src/children/views/ with the helpers its templates use. */
export const show = (reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): FastifyReply =>
  reply.code(status).render(`children/views/${template}`, { fmt, ...data });

export { formOf } from '../platform/http/views.js';

export const dateParts = (form: Form, prefix: string): DateParts => ({
  day: form[`${prefix}-day`] ?? '',
  month: form[`${prefix}-month`] ?? '',
  year: form[`${prefix}-year`] ?? '',
});

/** The three boxes of a date input, filled from 'YYYY-MM-DD'. */
export function dateValues(prefix: string, iso: string | null | undefined): Record<string, string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return {};
  return { [`${prefix}-day`]: String(Number(m[3])), [`${prefix}-month`]: String(Number(m[2])), [`${prefix}-year`]: m[1] ?? '' };
}

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
      throw new AppError(error.status, error.code, error.title, error.message, fieldErrors);
    }
    throw error;
  }
}

// ---- Error summaries ---------------------------------------------------------------------------

/**
 * handleForm, and refusals with no field (someone changed the record, a request already waits)
 * shown the same way: an error summary at the top of the same form. `hrefs` points a field's
 * summary link somewhere else (a date's first box).
 */
export async function runForm<T>(
  work: () => Promise<T>,
  rerender: (errors: FormErrors, status: number) => unknown,
  { hrefs = {}, statuses = [409] }: { hrefs?: Record<string, string>; statuses?: number[] } = {},
): Promise<{ ok: true; value: T } | { ok: false }> {
  return handleForm(
    async () => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof AppError && error.fieldErrors.length === 0 && statuses.includes(error.status)) {
          throw new AppError(error.status, error.code, error.title, error.message, [
            { field: '', rule: error.code, message: error.message },
          ]);
        }
        throw error;
      }
    },
    (errors, status) =>
      rerender(
        {
          summary: errors.summary.map((e) => {
            const field = e.href.slice(1);
            if (field === '') return { text: e.text, href: '' }; // no field: the summary shows the words alone
            return { text: e.text, href: `#${hrefs[field] ?? (DATE_FIELDS.has(field) ? `${field}-day` : field)}` };
          }),
          byField: errors.byField,
        },
        status,
      ),
  );
}

const DATE_FIELDS = new Set(['dateOfBirth', 'startedOn', 'endedOn']);

// ---- Showing data ------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM-DD' as "15 June 2014". */
export function formatDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}` : '';
}

/** An NHS number as it is printed: 943 476 5919. */
export const formatNhsNumber = (value: string | null | undefined): string =>
  value && /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : (value ?? '');

export const GENDER_LABELS: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not known' };

/** Helpers the templates call: {{ fmt.date(child.dateOfBirth) }}. */
export const fmt = { date: formatDate, nhs: formatNhsNumber, gender: (g: string) => GENDER_LABELS[g] ?? g };

export function matchTag(quality: number): { text: string; classes: string } {
  if (quality >= 0.85) return { text: 'Strong', classes: 'govuk-tag--green' };
  if (quality >= 0.6) return { text: 'Possible', classes: 'govuk-tag--yellow' };
  return { text: 'Weak', classes: 'govuk-tag--grey' };
}

export const isUuid = (value: string | undefined): value is string =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? '');

/** The record version a form carries back (a hidden field); 0, which no record has, when it is missing or not a number. */
export const versionOf = (form: Form): number => {
  const version = Number.parseInt(form.version ?? '', 10);
  return Number.isInteger(version) ? version : 0;
};

// ---- Paging ------------------------------------------------------------------------------------

/** `?page=` as GOV.UK services read it: anything but a whole number of 1 or more means the first page. */
export const pageAsked = (value: string | undefined): number => (/^[1-9]\d{0,8}$/.test(value ?? '') ? Number(value) : 1);

type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/**
 * The govukPagination component's parameters, or undefined for a single page. GOV.UK's pattern:
 * previous and next, the first and last pages, the current page with one either side, and an
 * ellipsis for each gap.
 */
export function paginationOf(
  page: number,
  lastPage: number,
  href: (n: number) => string,
): { previous?: { href: string }; next?: { href: string }; items: PaginationItem[] } | undefined {
  if (lastPage <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < lastPage ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}
