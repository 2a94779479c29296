/** A field that broke a rule: which field, which rule (a stable code), and words for a person. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/**
 * Errors the application means to show. Anything else is an internal error and shown as such.
 * `details` is typed data for callers and for problem+json extension members (RFC 9457), like the
 * current state in a conflict or the record a duplicate points at: no caller ever parses `message`.
 */
export class AppError<D extends Record<string, unknown> = Record<string, unknown>> extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: D = {} as D,
  ) {
    super(message);
  }
}

export const notFound = (what = 'page'): AppError =>
  new AppError(404, 'not_found', 'Page not found', `The ${what} you asked for does not exist, or you cannot see it.`);

export const forbidden = (detail = 'Your role does not allow this.'): AppError =>
  new AppError(403, 'forbidden', 'You do not have permission to see this', detail);

export const unauthenticated = (): AppError => new AppError(401, 'unauthenticated', 'Sign in required', 'Sign in to use this service.');

export const validationFailed = (fieldErrors: FieldError[]): AppError =>
  new AppError(400, 'validation_failed', 'There is a problem', fieldErrors.map((e) => e.message).join(' '), fieldErrors);

export const conflict = (detail: string, field?: string, rule = 'unique'): AppError =>
  new AppError(409, 'conflict', 'There is a problem', detail, field ? [{ field, rule, message: detail }] : []);

export const tooManyRequests = (detail: string): AppError => new AppError(429, 'too_many_requests', 'Too many attempts', detail);

/** Collects field errors while a form or document is checked, then throws them all at once. */
export class FieldErrors {
  readonly errors: FieldError[] = [];
  add(field: string, rule: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, rule, message });
  }
  has(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }
  throwIfAny(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}
