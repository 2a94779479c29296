import crypto from 'node:crypto';
import { listBodies } from '../../governance/index.js';
import { partnershipService } from '../../partnership/index.js';
import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { checkUploadedFile } from '../../platform/uploaded-files.js';
import { findPlan } from '../content.js';
import { planProblems } from '../errors.js';
import { optionalText, readDay, readOne, requiredText, textOf } from '../participation/input.js';
import { sectionOfPlan } from '../participation/repository.js';
import type { VoiceCaller } from '../participation/service.js';
import { childrenModeration } from './moderation.js';
import * as repo from './repository.js';
import { CONSULTEE_KIND_LABELS, LANGUAGES, RESPONSE_OUTCOMES, type Consultation, type ConsulteeKind } from './types.js';

/**
 * Consultation on a draft plan (issue 18 item 4; 002 §7.3 iv; ADR 0035): set up with plan.manage, its required
 * consultees filled in from the partner register and the statute's list; responses recorded typed or as a file,
 * each with what changed in the plan or why not. Read with plan.view. Every change audited in its transaction.
 */

/** A response's file: at most 10 MB, like a meeting's papers (the CHECK holds the table to it). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The bodies every consultation must reach besides the relevant partners (002 §7.3 iv; the 2005 regulations, reg. 7). */
const REQUIRED_BODIES: readonly { kind: ConsulteeKind; name: string }[] = [
  { kind: 'schools', name: 'Head teachers of the area’s schools' },
  { kind: 'governing_bodies', name: 'Governing bodies of the area’s schools' },
  { kind: 'colleges', name: 'Further education colleges and sixth form colleges' },
  { kind: 'children_young_people', name: 'Children and young people' },
  { kind: 'parents_carers', name: 'Parents and carers' },
  { kind: 'voluntary_community', name: 'Voluntary and community sector organisations' },
];

export interface ConsultationInput {
  planId?: unknown;
  title?: unknown;
  description?: unknown;
  opensOn?: unknown;
  closesOn?: unknown;
  childrenQuestions?: unknown;
}

export interface ResponseInput {
  consulteeId?: unknown;
  respondent?: unknown;
  receivedOn?: unknown;
  language?: unknown;
  body?: unknown;
  fileName?: string;
  content?: Buffer;
}

const yes = (v: unknown) => v === true || v === 'yes' || v === 'true' || v === 'on';

export function consultationService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const partnership = partnershipService({ db, clock });

  async function consultationFor(user: User, id: string): Promise<Consultation> {
    const found = isUuid(id) ? await repo.findConsultation(db, user.areaCode, id) : undefined;
    if (!found) throw planProblems.notFound('No such consultation in this area');
    return found;
  }

  async function responseOf(user: User, id: string, responseId: string) {
    const consultation = await consultationFor(user, id);
    const found = isUuid(responseId) ? await repo.findResponse(db, consultation.id, responseId) : undefined;
    if (!found) throw planProblems.notFound('No such response to this consultation');
    return { consultation, response: found };
  }

  /** The bodies that must be consulted, as they stand on the day the consultation opens. */
  async function requiredConsultees(areaCode: string, opensOn: string) {
    const overview = await partnership.areaOverview(areaCode, opensOn);
    const partners = overview.organisations
      .filter((o) => o.statusOnDate === 'relevant partner')
      .map((o) => ({ kind: 'relevant_partner' as const, organisationId: o.id, name: o.name }));
    const lscb = (await listBodies(db, areaCode)).find((b) => b.kind === 'lscb' && (b.closedOn === null || b.closedOn > opensOn));
    return [
      ...partners,
      { kind: 'lscb' as const, organisationId: null, name: lscb?.name ?? CONSULTEE_KIND_LABELS.lscb },
      ...REQUIRED_BODIES.map((b) => ({ ...b, organisationId: null })),
    ];
  }

  return {
    list: (user: User) => repo.listConsultations(db, user.areaCode),

    /** Sets up a consultation on a draft plan with its required consultees already listed. */
    async create(by: VoiceCaller, input: ConsultationInput): Promise<string> {
      const errors = new FieldErrors();
      const planId = textOf(input.planId);
      const plan = planId === '' ? undefined : await findPlan(db, by.user.areaCode, planId);
      if (planId === '') errors.add('planId', 'required', 'Select the draft plan to consult on');
      else if (!plan) errors.add('planId', 'known_plan', 'Select one of the area’s plans');
      else if (plan.status !== 'draft') errors.add('planId', 'draft_only', 'Select a draft plan: a published plan is changed by drafting its next version');
      const title = requiredText(errors, 'title', input.title, 'the consultation’s title', 200);
      const description = optionalText(errors, 'description', input.description, 'what it asks', 4000);
      const opensOn = readDay(errors, 'opensOn', input.opensOn, 'the day it opens');
      const closesOn = readDay(errors, 'closesOn', input.closesOn, 'the day it closes');
      if (opensOn && closesOn && closesOn < opensOn) errors.add('closesOn', 'after_opening', 'The day it closes must be on or after the day it opens');
      errors.throwIfAny();
      const c = { planId: plan?.id ?? '', title, description, opensOn: opensOn ?? '', closesOn: closesOn ?? '', childrenQuestions: yes(input.childrenQuestions) };
      const consultees = await requiredConsultees(by.user.areaCode, c.opensOn);
      return db.transaction(async (tx) => {
        const at = clock.now();
        const id = await repo.insertConsultation(tx, by.user.areaCode, c, by.user.id, at);
        for (const consultee of consultees) await repo.insertConsultee(tx, by.user.areaCode, id, { ...consultee, required: true }, at);
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.consultation_created',
          subject: { type: 'plan consultation', id },
          details: { planId: c.planId, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, childrenQuestions: c.childrenQuestions, consultees: consultees.length },
        });
        return id;
      });
    },

    /** A consultation with its consultees and responses. */
    async view(user: User, id: string) {
      const consultation = await consultationFor(user, id);
      const [consultees, responses] = await Promise.all([repo.listConsultees(db, consultation.id), repo.listResponses(db, consultation.id)]);
      return { consultation, consultees, responses };
    },

    /** Adds a body to consult besides the required ones. */
    async addConsultee(by: VoiceCaller, id: string, input: { name?: unknown }): Promise<void> {
      const consultation = await consultationFor(by.user, id);
      const errors = new FieldErrors();
      const name = requiredText(errors, 'name', input.name, 'the name of the body to consult', 200);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const added = await repo.insertConsultee(tx, by.user.areaCode, consultation.id, { kind: 'other', organisationId: null, name, required: false }, clock.now());
        if (!added) {
          const message = `${name} is already listed`;
          throw planProblems.invalid(message, { fieldErrors: [{ field: 'name', rule: 'unique', message }] });
        }
        await audit(tx, actorOf(by.user), by.ctx, { action: 'plan.consultee_added', subject: { type: 'plan consultation', id: consultation.id }, details: { consulteeId: added, name } });
      });
    },

    /** Records a response, typed or as a file (or both); a file is checked by its bytes and nothing is kept when any field is wrong. */
    async recordResponse(by: VoiceCaller, id: string, input: ResponseInput): Promise<string> {
      const consultation = await consultationFor(by.user, id);
      const errors = new FieldErrors();
      const consulteeId = textOf(input.consulteeId) || null;
      if (consulteeId && !(isUuid(consulteeId) && (await repo.consulteeOf(db, consultation.id, consulteeId))))
        errors.add('consulteeId', 'consultee_of_consultation', 'Select one of the bodies consulted, or none');
      const respondent = requiredText(errors, 'respondent', input.respondent, 'who responded', 200);
      const receivedOn = readDay(errors, 'receivedOn', input.receivedOn, 'the day it was received');
      const language = readOne(errors, 'language', textOf(input.language) || 'en', LANGUAGES, 'Select the language the response is written in');
      const body = optionalText(errors, 'body', input.body, 'the response', 20000);
      const fileGiven = (input.content?.length ?? 0) > 0 || (input.fileName ?? '') !== '';
      const file = fileGiven ? checkUploadedFile(errors, input, { maxBytes: MAX_RESPONSE_BYTES }) : undefined;
      if (!fileGiven && body === '' && !errors.has('body')) errors.add('body', 'text_or_file', 'Type the response or upload it as a file');
      errors.throwIfAny();
      const stored = file ? { ...file, sha256: crypto.createHash('sha256').update(file.content).digest('hex') } : null;
      return db.transaction(async (tx) => {
        const responseId = await repo.insertResponse(
          tx,
          by.user.areaCode,
          consultation.id,
          { consulteeId, respondent, receivedOn: receivedOn ?? '', language: language ?? 'en', body, file: stored },
          by.user.id,
          clock.now(),
        );
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.consultation_response_recorded',
          subject: { type: 'plan consultation', id: consultation.id },
          details: { responseId, consulteeId, respondent, receivedOn, language, typed: body.length, file: stored && { contentType: stored.contentType, bytes: stored.content.length, sha256: stored.sha256 } },
        });
        return responseId;
      });
    },

    response: responseOf,

    async responseFile(user: User, id: string, responseId: string) {
      const consultation = await consultationFor(user, id);
      const found = isUuid(responseId) ? await repo.findResponseFile(db, consultation.id, responseId) : undefined;
      if (!found) throw planProblems.notFound('This response has no file');
      return found;
    },

    /** What changed in the plan because of a response, or why not: always in words, a section of the plan when one changed. */
    async recordOutcome(by: VoiceCaller, id: string, responseId: string, input: { outcome?: unknown; outcomeNote?: unknown; changedSectionId?: unknown }) {
      const { consultation, response } = await responseOf(by.user, id, responseId);
      const errors = new FieldErrors();
      const outcome = readOne(errors, 'outcome', input.outcome, RESPONSE_OUTCOMES, 'Select whether the plan changed because of this response');
      const note = requiredText(errors, 'outcomeNote', input.outcomeNote, outcome === 'not_changed' ? 'why the plan did not change' : 'what changed in the plan', 4000);
      const changedSectionId = textOf(input.changedSectionId) || null;
      if (changedSectionId && outcome === 'not_changed') errors.add('changedSectionId', 'changed_only', 'Choose a section only when the plan changed');
      else if (changedSectionId && !(isUuid(changedSectionId) && (await sectionOfPlan(db, consultation.planId, changedSectionId))))
        errors.add('changedSectionId', 'section_of_plan', 'Select a section of the plan consulted on, or none');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setResponseOutcome(tx, consultation.id, response.id, { outcome: outcome ?? 'changed', note, changedSectionId }, by.user.id, clock.now());
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.consultation_response_outcome',
          subject: { type: 'plan consultation', id: consultation.id },
          details: { responseId: response.id, outcome, changedSectionId, before: response.outcome },
        });
      });
    },

    /** Children and young people's answers: the board's summary, and the planner's moderation of quotations. */
    ...childrenModeration({ db, clock, consultationFor }),
  };
}

export type ConsultationService = ReturnType<typeof consultationService>;
