import { defineEnum, type EnumValue } from '../platform/enums.js';

/**
 * The national common assessment form as data (domain brief §4; 004 para 186: national and local
 * forms both exist, so every assessment records which form and version it was made on).
 */

export interface AssessmentElement {
  code: string;
  title: string;
}

export interface AssessmentDomain {
  code: string;
  title: string;
  elements: AssessmentElement[];
}

export interface AssessmentForm {
  code: string;
  version: string;
  title: string;
  domains: AssessmentDomain[];
}

const element = (code: string, title: string): AssessmentElement => ({ code, title });

/** The three domains of the Common Assessment Framework and their elements. */
export const NATIONAL_CAF: AssessmentForm = {
  code: 'caf-national',
  version: '2006.1',
  title: 'Common Assessment Framework for children and young people',
  domains: [
    {
      code: 'development',
      title: 'Development of the child or young person',
      elements: [
        element('health', 'Health: general health and physical development'),
        element('emotional-social', 'Emotional and social development'),
        element('behaviour', 'Behavioural development'),
        element('identity', 'Identity, including self-esteem and self-image'),
        element('relationships', 'Family and social relationships'),
        element('self-care', 'Self-care skills and independence'),
        element('learning', 'Learning: understanding, reasoning and problem solving'),
        element('participation', 'Participation in learning, education and employment'),
        element('progress', 'Progress and achievement in learning'),
        element('aspirations', 'Aspirations'),
      ],
    },
    {
      code: 'parents-carers',
      title: 'Parents and carers',
      elements: [
        element('basic-care', 'Basic care, ensuring safety and protection'),
        element('emotional-warmth', 'Emotional warmth and stability'),
        element('guidance', 'Guidance, boundaries and stimulation'),
      ],
    },
    {
      code: 'family-environment',
      title: 'Family and environment',
      elements: [
        element('family-history', 'Family history, functioning and well-being'),
        element('wider-family', 'Wider family'),
        element('housing', 'Housing, employment and financial considerations'),
        element('community', 'Social and community elements and resources, including education'),
      ],
    },
  ],
};

// An area's local forms are data (forms/: uploaded, published, found by forms/repository.ts findForm).

export const elementKey = (domain: AssessmentDomain, e: AssessmentElement): string => `${domain.code}.${e.code}`;

/** Every element's key, in form order: 'development.health' and so on. */
export const elementKeys = (form: AssessmentForm): string[] => form.domains.flatMap((d) => d.elements.map((e) => elementKey(d, e)));

// ---- The pre-assessment checklist (002 para 121) ----------------------------------------------

/** Is the child progressing towards each of the five outcomes? One question per outcome. */
export const CHECKLIST_QUESTIONS = [
  { code: 'healthy', text: 'Is the child or young person healthy, physically and emotionally?' },
  { code: 'safe', text: 'Is the child or young person safe from harm, including neglect, bullying and crime?' },
  { code: 'learning', text: 'Is the child or young person learning, developing and enjoying their time in education?' },
  {
    code: 'contribution',
    text: 'Is the child or young person making a positive contribution, without offending or anti-social behaviour?',
  },
  { code: 'wellbeing', text: 'Is the family free from poverty, poor housing or other barriers to the child’s economic well-being?' },
  { code: 'met', text: 'Are any needs the child has already being met by a service that can meet them, or knows how to get help?' },
] as const;
export type ChecklistCode = (typeof CHECKLIST_QUESTIONS)[number]['code'];
export const CHECKLIST_ANSWERS = defineEnum(['yes', 'no', 'not sure']);
export type ChecklistAnswer = EnumValue<typeof CHECKLIST_ANSWERS>;

export const CHECKLIST_DECISIONS = defineEnum([
  'progressing well',
  'needs met by a service',
  'common assessment needed',
  'refer to social care',
]);
export type ChecklistDecision = EnumValue<typeof CHECKLIST_DECISIONS>;

// ---- Levels of need, closure and status words ------------------------------------------------

/**
 * The four levels of 004 Table 4.1 (the Hardiker model, 004 para 232): what an area's own levels
 * map to for reports across areas, and the levels of an area that has set no scheme of its own.
 */
export const NATIONAL_NEED_LEVELS = defineEnum(['universal', 'additional', 'complex', 'acute/specialist']);
export type NationalNeedLevel = EnumValue<typeof NATIONAL_NEED_LEVELS>;
/** A level of need as an area names it (its scheme, src/assessment/levels/), kept as given. */
export type NeedLevel = string;

export const CLOSURE_OUTCOMES = defineEnum(['needs met', 'escalated', 'moved away', 'declined']);
export type ClosureOutcome = EnumValue<typeof CLOSURE_OUTCOMES>;

export const ACTION_STATUSES = defineEnum(['not started', 'in progress', 'done', 'cancelled']);
export type ActionStatus = EnumValue<typeof ACTION_STATUSES>;

export const ASSESSMENT_STATUSES = defineEnum(['open', 'closed']);
export type AssessmentStatus = EnumValue<typeof ASSESSMENT_STATUSES>;

// ---- Consent and referrals -------------------------------------------------------------------

export const CONSENT_KINDS = defineEnum(['given', 'declined', 'without consent']);
export type ConsentKind = EnumValue<typeof CONSENT_KINDS>;
/** Who gave consent ('' when it was not given by a person: declined, or without consent). */
export const CONSENT_RELATIONSHIPS = defineEnum(['', 'child or young person', 'parent or carer']);
export const CONSENT_METHODS = defineEnum(['', 'in writing', 'verbally']);

/**
 * What the receiving service decides (issue 14): accept (a named worker optional), allocate to a
 * named worker, hold a strategy discussion, step down to early help with a named lead, signpost,
 * take no further action, or return it to the team around the child.
 */
export const REFERRAL_DECISIONS = defineEnum([
  'accepted',
  'allocated',
  'strategy_discussion',
  'stepped_down',
  'signposted',
  'no_further_action',
  'returned',
]);
export type ReferralDecision = EnumValue<typeof REFERRAL_DECISIONS>;
/** Where a referral signposted the family to. */
export const REFERRAL_SIGNPOSTS = defineEnum(['universal services', 'early help']);
export type ReferralSignpost = EnumValue<typeof REFERRAL_SIGNPOSTS>;

/** A second person's decision on a proposal to share without consent (ADR 0006). */
export const PROPOSAL_DECISIONS = defineEnum(['approved', 'rejected']);
