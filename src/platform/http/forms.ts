import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../errors.js';

/**
 * Page forms, handled one way (the GOV.UK pattern): read the body, call the service, and on a
 * refusal show the same page again with an error summary, each field's message and the person's
 * input kept; on success, POST-redirect-GET. Pages read forms only through these functions.
 */

/** A form's text fields as the person sent them: what a page reads, and shows again after an error. */
export type Form = Record<string, string | undefined>;

/** The three boxes of a GOV.UK date input, as typed: the service checks them (govukDateInput). */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Field errors in the shapes GOV.UK components take. */
export interface FormErrors {
  /** For govukErrorSummary's errorList; an empty href shows the words alone (a refusal about no one field). */
  summary: { text: string; href: string }[];
  /** For each component's errorMessage. */
  byField: Record<string, { text: string }>;
}

/** The body's own fields; anything but an object (no body, a string) has none. */
function fieldsOf(body: unknown): [string, unknown][] {
  return body !== null && typeof body === 'object' ? Object.entries(body) : [];
}

/**
 * A form's text fields. A repeated field keeps its first value; a field that is not text (a file,
 * an object from a crafted body) is left out, so a page only ever reads strings or undefined.
 */
export function formOf(body: unknown): Form {
  const text: [string, string][] = [];
  for (const [name, raw] of fieldsOf(body)) {
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string') text.push([name, value]);
  }
  // fromEntries defines each field as the form's own: a field named __proto__ is only a field.
  return Object.fromEntries(text);
}

/** Every value a repeated field (a group of checkboxes) was given: none, one or many. */
export function checkedValues(body: unknown, field: string): string[] {
  const raw = fieldsOf(body).find(([name]) => name === field)?.[1];
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === 'string');
  return typeof raw === 'string' ? [raw] : [];
}

/** A file chosen in a file input (multipart forms attach it as a Buffer); undefined when none was sent. */
export function fileOf(body: unknown, field: string): Buffer | undefined {
  const raw = fieldsOf(body).find(([name]) => name === field)?.[1];
  return Buffer.isBuffer(raw) ? raw : undefined;
}

const uploadedFileNames = new WeakMap<object, Map<string, string>>();

/** Called by the multipart plugin for each file part: the name the file had on the sender's computer. */
export function rememberUploadedFileName(request: object, field: string, fileName: string): void {
  const names = uploadedFileNames.get(request) ?? new Map<string, string>();
  names.set(field, fileName);
  uploadedFileNames.set(request, names);
}

/** The name a file input's file had on the sender's computer ('' when none was sent); untrusted: clean it before use. */
export const uploadedFileName = (request: object, field: string): string => uploadedFileNames.get(request)?.get(field) ?? '';

/**
 * What an upload form sent: the chosen file (the `file` input) wins over text pasted into `pastedField`;
 * either way read as UTF-8, a leading byte-order mark dropped.
 */
export function uploadedText(body: unknown, pastedField: string): string {
  const uploaded =
    fileOf(body, 'file')
      ?.toString('utf8')
      .replace(/^\uFEFF/, '') ?? '';
  return uploaded.trim() !== '' ? uploaded : (formOf(body)[pastedField] ?? '');
}

/** A GOV.UK date input's three boxes (`${prefix}-day`, `-month`, `-year`), as typed; a missing box is ''. */
export const dateParts = (form: Form, prefix: string): DateParts => ({
  day: form[`${prefix}-day`] ?? '',
  month: form[`${prefix}-month`] ?? '',
  year: form[`${prefix}-year`] ?? '',
});

/** The three boxes of a date input, filled from 'YYYY-MM-DD'; none when there is no such date. */
export function dateValues(prefix: string, iso: string | null | undefined): Record<string, string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return {};
  return { [`${prefix}-day`]: String(Number(m[3])), [`${prefix}-month`]: String(Number(m[2])), [`${prefix}-year`]: m[1] ?? '' };
}

export interface SummaryLinks {
  /** Where a field's summary link goes when not to the field's own id (a box inside a fieldset). */
  hrefs?: Record<string, string>;
  /** Fields entered as date parts: their summary link goes to the day box, as GOV.UK asks. */
  dates?: readonly string[];
}

/** Turns field errors into the shapes the GOV.UK error summary and components expect. */
export function formErrors(errors: FieldError[], { hrefs = {}, dates = [] }: SummaryLinks = {}): FormErrors {
  const hrefOf = (field: string): string => {
    if (field === '') return '';
    if (Object.hasOwn(hrefs, field)) return `#${hrefs[field] ?? field}`;
    return `#${dates.includes(field) ? `${field}-day` : field}`;
  };
  return {
    summary: errors.map((e) => ({ text: e.message, href: hrefOf(e.field) })),
    byField: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  };
}

export interface FormOptions extends SummaryLinks {
  /**
   * Statuses of refusals that name no field (someone changed the record, a request already waits)
   * shown at the top of the same form rather than on an error page. 409 unless the page says otherwise.
   */
  refusals?: readonly number[];
}

/**
 * Faults the request guards found in a page's form before its route ran (a NUL character in a field,
 * request-guards.ts): kept for the request, so the form's own handleForm shows them, at their fields.
 */
const guardFaults = new AsyncLocalStorage<readonly FieldError[]>();

/** Runs the rest of a request (`next`, a hook's done) with the faults the guards found in its form. */
export const withGuardFaults = (faults: readonly FieldError[], next: () => void): void => guardFaults.run(faults, next);

/**
 * Runs a form's work. When the service refuses it with field errors, or with a listed refusal
 * that names no field, shows the form again through `redisplay` and answers `{ ok: false }`;
 * the route then returns the reply. Any other error goes to the error handler. A form the request
 * guards already found faults in is shown again with them, and its work is not run: nothing is saved.
 */
export async function handleForm<T>(
  work: () => Promise<T>,
  redisplay: (errors: FormErrors, status: number) => unknown,
  { refusals = [409], ...links }: FormOptions = {},
): Promise<{ ok: true; value: T } | { ok: false }> {
  const guarded = guardFaults.getStore() ?? [];
  if (guarded.length > 0) {
    await redisplay(formErrors([...guarded], links), 400);
    return { ok: false };
  }
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const faults =
      error.fieldErrors.length > 0
        ? error.fieldErrors
        : refusals.includes(error.status)
          ? [{ field: '', rule: error.code, message: error.message }]
          : [];
    if (faults.length === 0) throw error;
    await redisplay(formErrors(faults, links), error.status);
    return { ok: false };
  }
}

/** Renders the templates under one folder of src/, with the helpers those templates call. */
export const pageRenderer =
  (folder: string, helpers: Record<string, unknown> = {}) =>
  (reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): FastifyReply =>
    reply.code(status).render(`${folder}/${template}`, { ...helpers, ...data });
