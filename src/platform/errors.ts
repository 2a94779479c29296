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
    readonly details?: D,
  ) {
    super(message);
  }

  /** The same problem with its field errors put otherwise (a page shows the fault against another field). */
  withFieldErrors(fieldErrors: FieldError[]): AppError<D> {
    return new AppError<D>(this.status, this.code, this.title, this.message, fieldErrors, this.details);
  }
}

/** What a problem's factory takes beyond its words: the fields at fault, and its typed details (required when it has any). */
type ProblemExtra<D> = { fieldErrors?: FieldError[] } & (Partial<D> extends D ? { details?: D } : { details: D });
type ProblemArgs<D> = Partial<D> extends D ? [message: string, extra?: ProblemExtra<D>] : [message: string, extra: ProblemExtra<D>];

/**
 * A kind of problem, declared once: its HTTP status, stable code and title. Call it to make the
 * error (with its words, field errors and typed details); `is` recognises one, so a caller tests a
 * refusal with the guard and reads its `details`, never a code string or its words. Routes list the
 * problems they can return, and the OpenAPI document names them (http/api-route.ts).
 */
export interface Problem<D extends Record<string, unknown> = Record<string, unknown>> {
  (...args: ProblemArgs<D>): AppError<D>;
  readonly status: number;
  readonly code: string;
  readonly title: string;
  is(error: unknown): error is AppError<D>;
}

export function defineProblem<D extends Record<string, unknown> = Record<never, never>>(
  status: number,
  code: string,
  title: string,
): Problem<D> {
  const make = (...[message, extra]: ProblemArgs<D>): AppError<D> =>
    new AppError<D>(status, code, title, message, extra?.fieldErrors ?? [], extra?.details);
  return Object.assign(make, {
    status,
    code,
    title,
    // The title too: two problems may share a code (a referral's and an export's not_completed).
    is: (error: unknown): error is AppError<D> =>
      error instanceof AppError && error.code === code && error.status === status && error.title === title,
  });
}

/** Problems any part of the platform can return. */
export const platformProblems = {
  notFound: defineProblem(404, 'not_found', 'Page not found'),
  forbidden: defineProblem(403, 'forbidden', 'You do not have permission to see this'),
  unauthenticated: defineProblem(401, 'unauthenticated', 'Sign in required'),
  secondFactorRequired: defineProblem(401, 'second_factor_required', 'Sign in required'),
  validationFailed: defineProblem(400, 'validation_failed', 'There is a problem'),
  conflict: defineProblem(409, 'conflict', 'There is a problem'),
  tooManyRequests: defineProblem(429, 'too_many_requests', 'Too many attempts'),
  unsupportedMediaType: defineProblem(415, 'unsupported_media_type', 'Unsupported media type'),
  bodyTooLarge: defineProblem(413, 'body_too_large', 'Request too large'),
  crossSiteRequest: defineProblem(403, 'cross_site_request', 'Request from another site refused'),
  noPolicy: defineProblem(500, 'no_policy', 'Sorry, there is a problem with the service'),
  // Signing in (auth/service.ts): the same words whether or not an email has an account (issue 11).
  signInFailed: defineProblem(401, 'sign_in_failed', 'There is a problem'),
  throttled: defineProblem(429, 'throttled', 'Too many attempts'),
  codeIncorrect: defineProblem(401, 'code_incorrect', 'There is a problem'),
  noSecondFactor: defineProblem(409, 'no_second_factor', 'There is a problem'),
  alreadySetUp: defineProblem(409, 'already_set_up', 'Two-factor sign-in is already set up'),
  // The settings registry (settings.ts): only a change not yet in effect can be cancelled.
  settingChangeNotPending: defineProblem<{ key: string; effectiveFrom: string }>(409, 'setting_change_not_pending', 'This change cannot be cancelled'),
};

export const notFound = (what = 'page'): AppError =>
  platformProblems.notFound(`The ${what} you asked for does not exist, or you cannot see it.`);

export const forbidden = (detail = 'Your role does not allow this.'): AppError => platformProblems.forbidden(detail);

export const unauthenticated = (): AppError => platformProblems.unauthenticated('Sign in to use this service.');

export const validationFailed = (fieldErrors: FieldError[]): AppError =>
  platformProblems.validationFailed(fieldErrors.map((e) => e.message).join(' '), { fieldErrors });

export const conflict = (detail: string, field?: string, rule = 'unique'): AppError =>
  platformProblems.conflict(detail, { fieldErrors: field ? [{ field, rule, message: detail }] : [] });

export const tooManyRequests = (detail: string): AppError => platformProblems.tooManyRequests(detail);

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
