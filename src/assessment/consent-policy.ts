import type { User } from '../platform/auth/repository.js';
import { AppError, FieldErrors, validationFailed } from '../platform/errors.js';
import { assessmentProblems } from './errors.js';
import { readDate } from './content.js';
import { latestConsent } from './access.js';
import { CONSENT_KINDS, CONSENT_METHODS, CONSENT_RELATIONSHIPS } from './form.js';
import type { AssessmentRecord, Consent, LeadProfessional } from './types.js';
import type { NewConsent } from './writes.js';

/**
 * Who may change the basis on which a common assessment is shared (ADR 0006). 000 §2.27-2.28 and
 * 002 paras 91-93: information is shared on a legal basis that managers and practitioners
 * understand, consent recorded with the assessment (002 para 113). So consent is recorded by the
 * practitioner who obtained it from the child or family, never by the person it would let in, and
 * sharing without consent needs a legal basis from a fixed list and a second person's approval,
 * as shielding does.
 */

/** The legal bases on which an assessment may be shared without consent; the detail names the particulars. */
export const SHARING_LEGAL_BASES = [
  { code: 'significant harm', text: 'A child at risk of significant harm (Children Act 1989 s47)' },
  { code: 'crime', text: 'Prevention or detection of crime (Crime and Disorder Act 1998 s115)' },
  { code: 'court order', text: 'A court order' },
  { code: 'statutory duty', text: 'Another statutory duty (name it in the detail)' },
] as const;

export type SharingLegalBasis = (typeof SHARING_LEGAL_BASES)[number]['code'];

export const isSharingLegalBasis = (value: string): value is SharingLegalBasis => SHARING_LEGAL_BASES.some((b) => b.code === value);

export const legalBasisText = (code: SharingLegalBasis): string => SHARING_LEGAL_BASES.find((b) => b.code === code)?.text ?? code;

const refusedRecorder = (field: string, rule: string, message: string): AppError =>
  assessmentProblems.consentRecorder(message, { fieldErrors: [{ field, rule, message }] });

/** The lead professional in post, if any. */
export const currentLead = (leads: LeadProfessional[]): LeadProfessional | undefined => leads.find((l) => l.endedAt === null);

/**
 * Consent given or declined is recorded by the assessor or the lead professional in post: the
 * practitioners who hear it from the child or family. Neither may use it to let their own
 * organisation in: a recorder outside the organisation holding the assessment may name their own
 * organisation only if the consent in force already covers it.
 */
export function checkConsentRecorder(
  user: User,
  assessment: AssessmentRecord,
  leads: LeadProfessional[],
  consents: Consent[],
  shareWith: readonly string[],
): void {
  const lead = currentLead(leads);
  const isAssessor = assessment.assessorUserId !== null && assessment.assessorUserId === user.id;
  const isLead = lead?.userId !== null && lead?.userId === user.id;
  if (!isAssessor && !isLead) {
    throw refusedRecorder(
      'recordedBy',
      'assessor_or_lead_professional',
      `Consent is recorded by the practitioner who obtained it: the assessor (${assessment.assessorName})${lead ? ` or the lead professional (${lead.practitionerName})` : ''}. Ask them to record it.`,
    );
  }
  if (user.organisationId === assessment.assessorOrganisationId || !shareWith.includes(user.organisationId)) return;
  const inForce = latestConsent(consents);
  const covered =
    inForce && !inForce.withdrawnAt && inForce.kind === 'given' && inForce.shareWith.some((o) => o.id === user.organisationId);
  if (!covered) {
    throw refusedRecorder(
      'shareWith',
      'not_own_organisation',
      `You cannot record consent that shares the assessment with your own organisation (${user.organisationName}): ask the assessor to record it.`,
    );
  }
}

/** 000 §2.28: a designated safeguarding lead, or a practice manager, decides sharing without consent. */
export const mayApproveSharing = (user: User): boolean => user.designatedSafeguarding || user.role === 'practice_manager';

/** The second person: one who may approve, and not the person who proposed it. */
export function checkApprover(user: User, proposedBy: string): void {
  if (!mayApproveSharing(user)) {
    const message = 'Only a designated safeguarding lead or a practice manager can approve sharing without consent.';
    throw assessmentProblems.secondPerson(message, {
      fieldErrors: [{ field: 'decision', rule: 'designated_safeguarding_or_practice_manager', message }],
    });
  }
  if (proposedBy === user.id) {
    const message = 'A second person must approve sharing without consent: you proposed it.';
    throw assessmentProblems.secondPerson(message, { fieldErrors: [{ field: 'decision', rule: 'second_person', message }] });
  }
}

export interface ConsentInput {
  kind?: string;
  givenByName?: string;
  givenByRelationship?: string;
  toRecord?: boolean;
  shareWith?: string[];
  givenOn?: string;
  method?: string;
}

/** Consent given or declined, as sent: each fault names its field and rule. `today` is the clock's date. */
export function readConsent(
  input: ConsentInput,
  areaOrganisations: Set<string>,
  today: string,
): Omit<NewConsent, 'areaCode' | 'assessmentId' | 'recordedBy' | 'recordedAt'> {
  const errors = new FieldErrors();
  const kind = (input.kind ?? '').trim();
  // ADR 0006: sharing without consent is a proposal a second person approves, never a decision recorded here.
  if (kind === 'without consent') {
    throw validationFailed([
      {
        field: 'kind',
        rule: 'proposal_needed',
        message:
          'Sharing without consent is proposed with its legal basis (POST /api/assessments/{assessmentId}/sharing-without-consent) and takes effect when a designated safeguarding lead or a practice manager approves it',
      },
    ]);
  }
  if (kind !== 'given' && kind !== 'declined')
    errors.add('kind', 'one_of', 'Select whether consent was given, declined, or the assessment is shared without consent');
  const givenByName = (input.givenByName ?? '').trim();
  const givenByRelationship = (input.givenByRelationship ?? '').trim();
  const method = (input.method ?? '').trim();
  const shareWith = [...new Set((input.shareWith ?? []).map((s) => s.trim()).filter((s) => s !== ''))];
  if (givenByName === '') errors.add('givenByName', 'required', 'Enter the name of the person who gave or declined consent');
  else if (givenByName.length > 200) errors.add('givenByName', 'max_length', 'Name must be 200 characters or less');
  if (givenByRelationship === '' || !CONSENT_RELATIONSHIPS.is(givenByRelationship))
    errors.add('givenByRelationship', 'one_of', 'Select whether the child or young person, or a parent or carer, decided');
  if (method === '' || !CONSENT_METHODS.is(method)) errors.add('method', 'one_of', 'Select how consent was given: in writing or verbally');
  if (kind === 'given' && input.toRecord !== true)
    errors.add('toRecord', 'required', 'Consent must cover recording the assessment: tick the box, or record that it was declined');
  const unknown = shareWith.filter((id) => !areaOrganisations.has(id));
  if (unknown.length > 0) errors.add('shareWith', 'in_area', 'Select organisations in this area to share with');
  const date = readDate(input.givenOn ?? today, 'Date of the decision');
  if (!date.ok) errors.add('givenOn', date.rule, date.message);
  else if (date.value > today) errors.add('givenOn', 'date_in_future', 'Date of the decision must be today or in the past');
  errors.throwIfAny();
  return {
    kind: CONSENT_KINDS.parse(kind),
    givenByName,
    givenByRelationship,
    toRecord: kind === 'given',
    shareWith: kind === 'declined' ? [] : shareWith,
    givenOn: date.ok ? date.value : today,
    method,
    legalBasis: '',
    decidedByName: '',
  };
}
