import { defineProblem, type AppError } from '../platform/errors.js';

/** Front-line work's problems, each declared once: its status, stable code and title. */
export const assessmentProblems = {
  /** Outside the team, or no consent in force: the assessment is not shared with this person. */
  notShared: defineProblem(403, 'not_shared', 'You cannot open this assessment'),
  closed: defineProblem(409, 'closed', 'This assessment is closed'),
  /** 004 para 198: one open common assessment per child; the open one, when known, is named (an import's refusal has none). */
  assessmentOpen: defineProblem<{ openAssessmentId?: string }>(409, 'assessment_open', 'An assessment is already open'),
  /** 002 para 113: nothing is written into an assessment before the family's consent to record it. */
  noConsent: defineProblem(409, 'no_consent', 'Consent is needed first'),
  consentNotInForce: defineProblem(409, 'not_in_force', 'Nothing to withdraw'),
  consentRecorder: defineProblem(403, 'consent_recorder', 'You cannot record this consent decision'),
  /** ADR 0006: sharing without consent is decided by a second person with the standing to. */
  secondPerson: defineProblem(403, 'second_person', 'You cannot decide this proposal'),
  proposalWaiting: defineProblem(409, 'proposal_waiting', 'A proposal is waiting'),
  proposalDecided: defineProblem(409, 'decided', 'Already decided'),
  staleDraft: defineProblem(409, 'stale_draft', 'The draft has changed'),
  alreadyMember: defineProblem(409, 'already_member', 'Already on the team'),
  isLead: defineProblem(409, 'is_lead', 'Hand over first'),
  notEscalated: defineProblem(409, 'not_escalated', 'Not escalated yet'),
  referralNotCompleted: defineProblem(409, 'not_completed', 'Complete the assessment first'),
  alreadyAcknowledged: defineProblem(409, 'already_acknowledged', 'Already acknowledged'),
  referralDecided: defineProblem(409, 'already_decided', 'Already decided'),
  exportNotCompleted: defineProblem(409, 'not_completed', 'Not completed yet'),
  noConsentToShare: defineProblem(409, 'no_consent_to_share', 'No consent to share'),
  exportShielded: defineProblem(409, 'shielded', 'Ask your designated safeguarding lead'),
  upnConflict: defineProblem(409, 'upn_conflict', 'This child does not match the index'),
  importChildShielded: defineProblem(409, 'child_shielded', 'Ask your designated safeguarding lead'),
  /** A published version of a local form is what assessments were written on: it never changes (migration 0018). */
  formPublished: defineProblem(409, 'form_published', 'This version of the form is published'),
  /** Two uploads of one new code and version at the same moment: the second is refused, not lost in a 500. */
  formUploadRace: defineProblem(409, 'form_upload_race', 'The form was uploaded at the same time by someone else'),
};

/**
 * Refusals pages act on, with their words. A page tests one with the problem's guard
 * (`assessmentProblems.assessmentOpen.is(error)`) and reads `error.details`.
 */

/** 004 para 194: a second open assessment is refused, pointing to the open one to add to instead. */
export const assessmentOpenFor = (
  childName: string,
  open: { id: string; assessorName: string; assessorService: string },
): AppError<{ openAssessmentId?: string }> =>
  assessmentProblems.assessmentOpen(
    `${childName} already has an open common assessment, started by ${open.assessorName} (${open.assessorService}). Add what you know to it instead of starting another.`,
    {
      fieldErrors: [{ field: 'service', rule: 'one_open', message: `An open assessment already exists: ${open.id}` }],
      details: { openAssessmentId: open.id },
    },
  );

export const noConsentToRecord = (): AppError =>
  assessmentProblems.noConsent('Record the consent of the child or parent to recording the assessment before writing it.');
