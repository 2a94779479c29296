import { AppError } from '../platform/errors.js';

/**
 * Refusals of common assessment work that pages act on, each a factory with a guard: a page asks
 * `assessmentOpen.is(error)` and reads `error.details`, never an error's code string or its words.
 */

interface OpenAssessment extends Record<string, unknown> {
  /** The child's open assessment, to send the practitioner to instead of a second one. */
  openAssessmentId: string;
}

/** 004 para 194: one open common assessment per child; the refusal points to the open one. */
export const assessmentOpen = Object.assign(
  (childName: string, open: { id: string; assessorName: string; assessorService: string }): AppError<OpenAssessment> =>
    new AppError<OpenAssessment>(
      409,
      'assessment_open',
      'An assessment is already open',
      `${childName} already has an open common assessment, started by ${open.assessorName} (${open.assessorService}). Add what you know to it instead of starting another.`,
      [{ field: 'service', rule: 'one_open', message: `An open assessment already exists: ${open.id}` }],
      { openAssessmentId: open.id },
    ),
  {
    /** The refusal of a second open assessment, with the open one's id (an import's refusal has none). */
    is: (error: unknown): error is AppError<OpenAssessment> =>
      error instanceof AppError && error.code === 'assessment_open' && typeof error.details?.openAssessmentId === 'string',
  },
);

/** 002 para 113: nothing is written into an assessment before the family's consent to record it. */
export const noConsentToRecord = Object.assign(
  (): AppError =>
    new AppError(
      409,
      'no_consent',
      'Consent is needed first',
      'Record the consent of the child or parent to recording the assessment before writing it.',
    ),
  { is: (error: unknown): error is AppError => error instanceof AppError && error.code === 'no_consent' },
);
