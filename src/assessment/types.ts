import type { AssessmentForm } from './form.js';
import type { SharingProposal } from './sharing/repository.js';
import type { EnumValue } from '../platform/enums.js';
import type {
  ActionStatus,
  AssessmentStatus,
  ChecklistAnswer,
  ChecklistDecision,
  ClosureOutcome,
  CONSENT_METHODS,
  CONSENT_RELATIONSHIPS,
  ConsentKind,
  NationalNeedLevel,
  NeedLevel,
  ReferralDecision,
  ReferralSignpost,
} from './form.js';

export type { ConsentKind, ReferralDecision } from './form.js';

/** Front-line work's domain types: what services return and routes show. */

/** Strengths and needs for one element of the form, in the practitioner's words. */
export interface ElementEntry {
  strengths: string;
  needs: string;
}

/** An action agreed in the assessment: who, what, by when. */
export interface AgreedAction {
  who: string;
  what: string;
  byWhen: string;
}

/** What a practitioner writes in a common assessment (the form's structure, 000 §2.24). */
export interface AssessmentContent {
  /** Why the assessment is being done. */
  reasonForAssessment: string;
  /** Family: who the child lives with, parents and carers, siblings. */
  family: string;
  /** Services already working with the child and family. */
  servicesInvolved: string;
  /** By element key ('development.health'). */
  elements: Record<string, ElementEntry>;
  childViews: string;
  parentViews: string;
  conclusions: string;
  agreedActions: AgreedAction[];
  levelOfNeed: NeedLevel | '';
}

export interface PreAssessmentCheck {
  id: string;
  answers: Record<string, ChecklistAnswer>;
  decision: ChecklistDecision;
  notes: string;
  checkedByName: string;
  checkedAt: Date;
}

export interface Consent {
  id: string;
  kind: ConsentKind;
  givenByName: string;
  givenByRelationship: EnumValue<typeof CONSENT_RELATIONSHIPS>;
  toRecord: boolean;
  shareWith: { id: string; name: string }[];
  givenOn: string;
  method: EnumValue<typeof CONSENT_METHODS>;
  legalBasis: string;
  decidedByName: string;
  recordedByName: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  withdrawnByName: string | null;
  withdrawalNote: string;
}

export interface AssessmentVersion {
  version: number;
  content: AssessmentContent;
  changeNote: string;
  completedByName: string;
  completedAt: Date;
}

export interface TeamMember {
  id: string;
  involvementId: string;
  userId: string | null;
  practitionerName: string;
  service: string;
  organisationId: string;
  organisationName: string;
  role: string;
  phone: string;
  email: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface LeadProfessional {
  id: string;
  teamMemberId: string;
  practitionerName: string;
  userId: string | null;
  criteriaMet: string[];
  appointedByName: string;
  appointedAt: Date;
  handoverNote: string;
  endedAt: Date | null;
}

export interface ActionItem {
  id: string;
  need: string;
  action: string;
  ownerTeamMemberId: string;
  ownerName: string;
  ownerUserId: string | null;
  dueOn: string;
  status: ActionStatus;
  overdue: boolean;
}

export interface TeamReview {
  id: string;
  heldOn: string;
  attendees: string;
  progress: { need: string; progress: string }[];
  decisions: string;
  recordedByName: string;
}

export interface Referral {
  id: string;
  assessmentId: string;
  assessmentVersion: number;
  childId: string;
  /** "A shielded record" when the child's record is shielded from the viewer (ADR 0005). */
  childName: string;
  toOrganisationId: string;
  toOrganisationName: string;
  /** The receiving service's name on the area's list now. */
  toService: string;
  toServiceId: string;
  reason: string;
  levelSought: NeedLevel;
  sentById: string;
  sentByName: string;
  sentByOrganisationId: string;
  sentByOrganisationName: string;
  sentByJobTitle: string;
  sentByEmail: string;
  /** '' when none is held (the sender's involvement with the child, if they joined its team). */
  sentByPhone: string;
  sentAt: Date;
  acknowledgeBy: string;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  decision: ReferralDecision | null;
  decisionReason: string;
  decidedAt: Date | null;
  decidedByName: string | null;
  /** The receiving service's worker the child was allocated to (accepted or allocated). */
  allocatedTo: { id: string; name: string } | null;
  /** On a step down to early help: who leads it. */
  namedLead: { id: string; name: string } | null;
  signpostedTo: ReferralSignpost | null;
  /** On a strategy discussion: its date. */
  strategyDiscussionOn: string | null;
  overdue: boolean;
}

/** The episode as a list shows it: no assessment content. */
export interface AssessmentSummary {
  id: string;
  childId: string;
  /** "A shielded record" when the child's record is shielded from the viewer (ADR 0005). */
  childName: string;
  childMasked: boolean;
  dateOfBirth: string | null;
  status: AssessmentStatus;
  assessorName: string;
  assessorOrganisationName: string;
  assessorService: string;
  latestVersion: number;
  hasDraft: boolean;
  startedAt: Date;
  closedAt: Date | null;
  closureOutcome: ClosureOutcome | null;
  leadProfessionalName: string | null;
  overdueActions: number;
}

export interface AssessmentRecord {
  id: string;
  areaCode: string;
  childId: string;
  formCode: string;
  formVersion: string;
  status: AssessmentStatus;
  assessorUserId: string | null;
  assessorName: string;
  assessorOrganisationId: string | null;
  assessorOrganisationName: string;
  assessorService: string;
  onBehalfOf: string;
  draft: AssessmentContent | null;
  draftSavedAt: Date | null;
  draftSavedByName: string | null;
  /** Moves on with every save, discard or completion: a save must send the version it read (ADR 0006). */
  draftVersion: number;
  latestVersion: number;
  startedAt: Date;
  closedAt: Date | null;
  closureOutcome: ClosureOutcome | null;
  closureNote: string;
  importedFromArea: string | null;
}

/** Everything about one episode that its team sees. */
/** The child of an assessment as its viewer may see them: identifying details, or masked. */
export type AssessmentChild =
  | {
      id: string;
      masked: false;
      displayName: string;
      givenName: string;
      familyName: string;
      dateOfBirth: string;
      nhsNumber: string | null;
      postcode: string;
    }
  | { id: string; masked: true; displayName: string; shieldedContact: string };

export interface AssessmentDetails extends AssessmentRecord {
  /** The form it is written on (formCode and formVersion), national or local: what its pages render. */
  form: AssessmentForm;
  /** Masked when the child's record is shielded from the viewer (visibility.ts). */
  child: AssessmentChild;
  consents: Consent[];
  /** Proposals to share without consent, newest first: one may be waiting for a second person (ADR 0006). */
  sharingProposals: SharingProposal[];
  versions: AssessmentVersion[];
  team: TeamMember[];
  leadProfessionals: LeadProfessional[];
  actions: ActionItem[];
  reviews: TeamReview[];
  referrals: Referral[];
}

/** What the child index shows about front-line work on a child (issue 3 item 1). */
export interface ChildAssessments {
  needLevel: { level: NeedLevel; nationalLevel: NationalNeedLevel; changedAt: Date; source: string } | null;
  assessments: {
    id: string;
    status: AssessmentStatus;
    startedAt: Date;
    /** When the episode was closed; null while it is open. */
    closedAt: Date | null;
    assessorName: string;
    assessorService: string;
    /** The lead professional now, if any. */
    leadProfessionalName: string | null;
    leadProfessionalContact: string;
    /** Everyone who has led the episode, first appointed first; endedAt null for the lead now. */
    leadProfessionals: { name: string; contact: string; appointedAt: Date; endedAt: Date | null }[];
  }[];
}
