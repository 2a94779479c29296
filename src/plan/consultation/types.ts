import { Type } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';
import { IsoDate, Nullable, Uuid } from '../../platform/schema.js';
import { ENGLISH_FACTS, LANGUAGE_FACTS } from '../publication/languages.js';

/**
 * Consultation on a draft plan (issue 18 item 4; 002 §7.3 iv; ADR 0035), and children and young people's answers
 * to its simple questions. One constant per list, matched by migration 0058's CHECKs (test/platform/enums-plan-voice.ts).
 */

/** 002 §7.3 iv: the bodies a draft plan must be put to, pre-filled on every consultation; `other` for any the area adds. */
export const CONSULTEE_KINDS = defineEnum([
  'relevant_partner',
  'lscb',
  'schools',
  'governing_bodies',
  'colleges',
  'children_young_people',
  'parents_carers',
  'voluntary_community',
  'other',
]);
export type ConsulteeKind = EnumValue<typeof CONSULTEE_KINDS>;
export const CONSULTEE_KIND_LABELS: Record<ConsulteeKind, string> = {
  relevant_partner: 'Relevant partner',
  lscb: 'Local Safeguarding Children Board',
  schools: 'Schools',
  governing_bodies: 'Governing bodies of schools',
  colleges: 'Colleges',
  children_young_people: 'Children and young people',
  parents_carers: 'Parents and carers',
  voluntary_community: 'Voluntary and community sector',
  other: 'Also consulted',
};

/** What became of a response: the plan changed because of it, or it did not (and why). Null until decided. */
export const RESPONSE_OUTCOMES = defineEnum(['changed', 'not_changed']);
export type ResponseOutcome = EnumValue<typeof RESPONSE_OUTCOMES>;
export const RESPONSE_OUTCOME_LABELS: Record<ResponseOutcome, string> = { changed: 'The plan changed', not_changed: 'The plan did not change' };

/**
 * The languages a response or a child's answer may be written in (002 §7: community languages), each with its own
 * name and direction, so a page marks the words up with `lang` and `dir` (WCAG 3.1.2) and Urdu reads right to left.
 */
export const LANGUAGES = defineEnum(['en', 'cy', 'ur', 'pa', 'bn', 'pl', 'ar', 'so']);
export type Language = EnumValue<typeof LANGUAGES>;
/** Each language's names and direction, from the one table the plan's translations use too (publication/languages.ts). */
export const LANGUAGE_INFO = Object.fromEntries(
  LANGUAGES.values.map((l) => {
    const facts = l === 'en' ? ENGLISH_FACTS : LANGUAGE_FACTS[l];
    return [l, { name: facts.name, own: facts.nativeName, dir: facts.dir }];
  }),
) as Record<Language, { name: string; own: string; dir: 'ltr' | 'rtl' }>;

export interface Consultation {
  id: string;
  planId: string;
  planTitle: string;
  planStatus: string;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  childrenQuestions: boolean;
  responses: number;
  childrenAnswers: number;
}

export interface Consultee {
  id: string;
  kind: ConsulteeKind;
  organisationId: string | null;
  name: string;
  required: boolean;
  responses: number;
}

export interface ConsultationResponse {
  id: string;
  consulteeId: string | null;
  consulteeName: string | null;
  respondent: string;
  receivedOn: string;
  language: Language;
  body: string;
  file: { name: string; contentType: string; bytes: number } | null;
  outcome: ResponseOutcome | null;
  outcomeNote: string;
  changedSection: { id: string; title: string } | null;
  recordedByName: string;
}

export const ConsultationSchema = Type.Object({
  id: Uuid,
  planId: Uuid,
  planTitle: Type.String(),
  planStatus: Type.String(),
  title: Type.String(),
  description: Type.String(),
  opensOn: IsoDate,
  closesOn: IsoDate,
  childrenQuestions: Type.Boolean(),
  responses: Type.Integer(),
  childrenAnswers: Type.Integer(),
});
export const ConsulteeSchema = Type.Object({
  id: Uuid,
  kind: CONSULTEE_KINDS.schema(),
  organisationId: Nullable(Uuid),
  name: Type.String(),
  required: Type.Boolean({ description: 'One of the bodies that must be consulted, filled in when the consultation was set up' }),
  responses: Type.Integer(),
});
export const ResponseSchema = Type.Object({
  id: Uuid,
  consulteeId: Nullable(Uuid),
  consulteeName: Nullable(Type.String()),
  respondent: Type.String(),
  receivedOn: IsoDate,
  language: LANGUAGES.schema(),
  body: Type.String(),
  file: Nullable(Type.Object({ name: Type.String(), contentType: Type.String(), bytes: Type.Integer() })),
  outcome: Nullable(RESPONSE_OUTCOMES.schema()),
  outcomeNote: Type.String({ description: 'What changed in the plan, or why it did not' }),
  changedSection: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  recordedByName: Type.String(),
});
