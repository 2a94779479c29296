import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { financialYearBounds, financialYearLabel, financialYearOf } from '../../platform/money.js';
import { findPlan } from '../content.js';
import { planProblems } from '../errors.js';
import { optionalText, readDay, readMany, readOne, readWhole, requiredText, textOf } from './input.js';
import * as repo from './repository.js';
import {
  AGE_GROUPS,
  PARTICIPANT_GROUPS,
  PARTICIPATION_METHODS,
  PARTICIPATION_STAGES,
  type ActivityInput,
  type ParticipantGroup,
  type ParticipationActivity,
  type ParticipationMethod,
  type ParticipationStage,
} from './types.js';

/**
 * Participation activities (issue 18 item 3; 000 §1.7, §2.11; 004 paras 163-166; ADR 0035): recorded with
 * plan.participation, read with plan.view, each change audited in its transaction. Activities name no child:
 * who took part is counted by age group and group, never listed.
 */

export interface VoiceCaller {
  user: User;
  ctx: RequestContext;
}

/** The board's summary of a financial year (1 April to 31 March). */
export interface ParticipationSummary {
  year: number;
  yearLabel: string;
  years: { year: number; label: string }[];
  activities: number;
  participants: number;
  byGroup: { group: ParticipantGroup; activities: number; participants: number }[];
  byMethod: { method: ParticipationMethod; activities: number; participants: number }[];
  byStage: { stage: ParticipationStage; activities: number }[];
  /** Activities linked to what they changed, and those whose participants were told: counts and whole-number percentages. */
  changed: { count: number; percent: number };
  feedbackGiven: { count: number; percent: number };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

export function participationService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  async function checked(user: User, input: ActivityInput): Promise<repo.ActivityRow> {
    const errors = new FieldErrors();
    const planId = textOf(input.planId);
    const plan = planId === '' ? undefined : await findPlan(db, user.areaCode, planId);
    if (planId === '') errors.add('planId', 'required', 'Select the plan the activity informed');
    else if (!plan) errors.add('planId', 'known_plan', 'Select one of the area’s plans');
    const title = requiredText(errors, 'title', input.title, 'what the activity was', 200);
    const heldOn = readDay(errors, 'heldOn', input.heldOn, 'the day it was held');
    const method = readOne(errors, 'method', input.method, PARTICIPATION_METHODS, 'Select how they took part');
    const stage = readOne(errors, 'stage', input.stage, PARTICIPATION_STAGES, 'Select the stage: planning, designing services or evaluating them');
    const ageGroups = readMany(errors, 'ageGroups', input.ageGroups, AGE_GROUPS, 'Select the age groups of those who took part');
    const groups = readMany(errors, 'groups', input.groups, PARTICIPANT_GROUPS, 'Select the groups of those who took part');
    const participants = readWhole(errors, 'participants', input.participants, 'how many took part', 1, 100_000);
    const whatTheySaid = requiredText(errors, 'whatTheySaid', input.whatTheySaid, 'what they said', 4000);
    const changedSectionId = textOf(input.changedSectionId) || null;
    const changedPriorityId = textOf(input.changedPriorityId) || null;
    if (changedSectionId && !(plan && isUuid(changedSectionId) && (await repo.sectionOfPlan(db, plan.id, changedSectionId))))
      errors.add('changedSectionId', 'section_of_plan', 'Select a section of the plan the activity informed, or none');
    if (changedPriorityId && !(plan && isUuid(changedPriorityId) && (await repo.priorityOfPlan(db, plan.id, changedPriorityId))))
      errors.add('changedPriorityId', 'priority_of_plan', 'Select a priority of the plan the activity informed, or none');
    const changedText = optionalText(errors, 'changedText', input.changedText, 'what it changed', 2000);
    const feedbackOn = readDay(errors, 'feedbackOn', input.feedbackOn, 'the day they were told what changed', { optional: true });
    const feedbackHow = optionalText(errors, 'feedbackHow', input.feedbackHow, 'how they were told', 2000);
    // 004 para 166: feedback says when and how; one without the other is half a record.
    if (feedbackOn && feedbackHow === '') errors.add('feedbackHow', 'required_with_day', 'Say how they were told what changed');
    if (feedbackOn === null && feedbackHow !== '') errors.add('feedbackOn', 'required_with_how', 'Enter the day they were told what changed');
    if (feedbackOn && heldOn && feedbackOn < heldOn) errors.add('feedbackOn', 'after_activity', 'Feedback must be on or after the day the activity was held');
    if (feedbackOn && feedbackOn > todayOf(clock)) errors.add('feedbackOn', 'not_future', 'Feedback cannot be recorded for a day still to come');
    errors.throwIfAny();
    return {
      planId: plan?.id ?? '',
      title,
      heldOn: heldOn ?? '',
      method: method ?? 'other',
      stage: stage ?? 'planning',
      ageGroups,
      groups,
      participants: participants ?? 1,
      whatTheySaid,
      changedSectionId,
      changedPriorityId,
      changedText,
      feedbackOn: feedbackOn ?? null,
      feedbackHow,
    };
  }

  async function activityFor(user: User, id: string): Promise<ParticipationActivity> {
    const found = isUuid(id) ? await repo.findActivity(db, user.areaCode, id) : undefined;
    if (!found) throw planProblems.notFound('No such participation activity in this area');
    return found;
  }

  /** A financial year asked for (a number like 2026 for 2026-27), or the current one; `year` `one_of` when not one. */
  const yearOf = (value: unknown): number => {
    const text = textOf(value);
    if (text === '') return financialYearOf(todayOf(clock));
    if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2999) {
      const message = 'Select a financial year, like 2026 for 2026-27';
      throw planProblems.invalid(message, { fieldErrors: [{ field: 'year', rule: 'one_of', message }] });
    }
    return Number(text);
  };

  const yearsShown = async (user: User, year: number) => {
    const span = await repo.activityYearsSpan(db, user.areaCode);
    const first = Math.min(year, span.first ? financialYearOf(span.first) : year);
    const last = Math.max(year, span.last ? financialYearOf(span.last) : year, financialYearOf(todayOf(clock)));
    const years: { year: number; label: string }[] = [];
    for (let y = last; y >= first; y -= 1) years.push({ year: y, label: financialYearLabel(y) });
    return years;
  };

  return {
    /** The activities of a financial year, latest first, with the years there are to choose from. */
    async list(user: User, query: { year?: unknown }) {
      const year = yearOf(query.year);
      const bounds = financialYearBounds(year);
      const activities = await repo.listActivitiesHeldBetween(db, user.areaCode, bounds.from, bounds.to);
      return { year, yearLabel: financialYearLabel(year), years: await yearsShown(user, year), activities };
    },

    view: (user: User, id: string) => activityFor(user, id),

    /** The area's plans, sections and priorities, for the form's choices. */
    choices: (user: User) => repo.listPlanChoices(db, user.areaCode),

    async record(by: VoiceCaller, input: ActivityInput): Promise<string> {
      const row = await checked(by.user, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertActivity(tx, by.user.areaCode, row, by.user.id, clock.now());
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.participation_recorded',
          subject: { type: 'participation activity', id },
          details: {
            planId: row.planId,
            title: row.title,
            heldOn: row.heldOn,
            method: row.method,
            stage: row.stage,
            ageGroups: row.ageGroups,
            groups: row.groups,
            participants: row.participants,
            changedSectionId: row.changedSectionId,
            changedPriorityId: row.changedPriorityId,
            feedbackOn: row.feedbackOn,
          },
        });
        return id;
      });
    },

    async change(by: VoiceCaller, id: string, input: ActivityInput): Promise<void> {
      const before = await activityFor(by.user, id);
      const row = await checked(by.user, input);
      await db.transaction(async (tx) => {
        await repo.updateActivity(tx, by.user.areaCode, before.id, row, clock.now());
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.participation_changed',
          subject: { type: 'participation activity', id: before.id },
          details: {
            changedSectionId: row.changedSectionId,
            changedPriorityId: row.changedPriorityId,
            feedbackOn: row.feedbackOn,
            feedbackBefore: before.feedbackOn,
          },
        });
      });
    },

    /** The board's summary of a financial year: counts by group, method and stage, and the shares changed and fed back. */
    async summary(user: User, query: { year?: unknown }): Promise<ParticipationSummary> {
      const year = yearOf(query.year);
      const bounds = financialYearBounds(year);
      const activities = await repo.listActivitiesHeldBetween(db, user.areaCode, bounds.from, bounds.to);
      const total = activities.length;
      const sum = (list: readonly ParticipationActivity[]) => list.reduce((n, a) => n + a.participants, 0);
      const changed = activities.filter((a) => a.changedSection !== null || a.changedPriority !== null || a.changedText !== '').length;
      const fed = activities.filter((a) => a.feedbackOn !== null).length;
      return {
        year,
        yearLabel: financialYearLabel(year),
        years: await yearsShown(user, year),
        activities: total,
        participants: sum(activities),
        byGroup: PARTICIPANT_GROUPS.values
          .map((group) => {
            const these = activities.filter((a) => a.groups.includes(group));
            return { group, activities: these.length, participants: sum(these) };
          })
          .filter((g) => g.activities > 0),
        byMethod: PARTICIPATION_METHODS.values
          .map((method) => {
            const these = activities.filter((a) => a.method === method);
            return { method, activities: these.length, participants: sum(these) };
          })
          .filter((m) => m.activities > 0),
        byStage: PARTICIPATION_STAGES.values.map((stage) => ({ stage, activities: activities.filter((a) => a.stage === stage).length })),
        changed: { count: changed, percent: percent(changed, total) },
        feedbackGiven: { count: fed, percent: percent(fed, total) },
      };
    },
  };
}

export type ParticipationService = ReturnType<typeof participationService>;
