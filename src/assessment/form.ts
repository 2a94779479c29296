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

/** Forms this installation can show; imports name theirs by code and version. */
export const FORMS: readonly AssessmentForm[] = [NATIONAL_CAF];

export function findForm(code: string, version: string): AssessmentForm | undefined {
  return FORMS.find((f) => f.code === code && f.version === version);
}

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
export const CHECKLIST_ANSWERS = ['yes', 'no', 'not sure'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export const CHECKLIST_DECISIONS = [
  'progressing well',
  'needs met by a service',
  'common assessment needed',
  'refer to social care',
] as const;
export type ChecklistDecision = (typeof CHECKLIST_DECISIONS)[number];

// ---- Levels of need, closure and status words ------------------------------------------------

/** 004 Table 4.1. */
export const NEED_LEVELS = ['universal', 'additional', 'complex', 'acute/specialist'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export const CLOSURE_OUTCOMES = ['needs met', 'escalated', 'moved away', 'declined'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

export const ACTION_STATUSES = ['not started', 'in progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
