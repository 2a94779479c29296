import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { notify } from '../../notifications/index.js';
import { paths } from '../../platform/paths.js';
import type { User } from '../../platform/auth/repository.js';
import { isUuid } from '../../platform/ids.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors, notFound, platformProblems } from '../../platform/errors.js';
import { viewerOf, type InvolvedPractitionerInput } from '../../children/index.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { leadProfessionalCriteria } from '../settings.js';
import { openForUser, requireOpen } from '../access.js';
import { readDate } from '../content.js';
import { ACTION_STATUSES, CLOSURE_OUTCOMES, type ActionStatus } from '../form.js';
import { checkLevel, schemeInForce, universalLevel } from '../levels/service.js';
import type { AssessmentRecord } from '../types.js';
import * as writes from '../writes.js';
import * as referralRepo from '../referrals/repository.js';
import * as workRepo from '../work/repository.js';
import * as teamRepo from './repository.js';
import { assessmentProblems } from '../errors.js';
import { chooseServiceInto } from '../../directory/index.js';

/**
 * The team around the child (002 §3.7; 000 §2.17-2.18): members, the lead professional, the
 * action plan, reviews and closure. Anyone who may open the assessment may work on its plan.
 */

/** A team member: a user of the area (name, organisation and contact details come from them), or someone named in full. */
export interface MemberInput extends InvolvedPractitionerInput {
  userId?: string;
  joinedOn?: string;
}

export interface AppointInput {
  teamMemberId?: string;
  criteriaMet?: string[];
  handoverNote?: string;
}

export interface ActionInput {
  need?: string;
  action?: string;
  ownerTeamMemberId?: string;
  dueOn?: string;
}

export interface ReviewInput {
  heldOn?: string;
  attendees?: string;
  progress?: { need?: string; progress?: string }[];
  decisions?: string;
  levelOfNeed?: string;
}

export interface CloseInput {
  outcome?: string;
  note?: string;
}

const TEXT_MAX = 2000;

function textField(
  errors: FieldErrors,
  field: string,
  label: string,
  value: string | undefined,
  { required = true, max = TEXT_MAX } = {},
): string {
  const v = (value ?? '').trim();
  if (required && v === '') errors.add(field, 'required', `Enter ${label.toLowerCase()}`);
  else if (v.length > max) errors.add(field, 'max_length', `${label} must be ${max} characters or less`);
  return v;
}

/** A date on or before `today` (the clock's date); today when none is given. */
function pastOrToday(errors: FieldErrors, field: string, label: string, value: string | undefined, today: string): string {
  if ((value ?? '').trim() === '') return today;
  const date = readDate(value ?? '', label);
  if (!date.ok) errors.add(field, date.rule, date.message);
  else if (date.value > today) errors.add(field, 'date_in_future', `${label} must be today or in the past`);
  return date.ok ? date.value : today;
}

export function teamService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const audit = (tx: Tx, user: User, ctx: RequestContext, action: string, a: AssessmentRecord, details: Record<string, unknown> = {}) =>
    recordAudit(tx, actorOf(user), ctx, {
      action,
      subject: { type: 'common_assessment', id: a.id },
      details: { childIds: [a.childId], ...details },
    });

  /** Opens the assessment for a change: the user may open it, and it is still open. */
  async function forChange(tx: Tx, user: User, assessmentId: string) {
    const opened = await openForUser(tx, user, assessmentId, true);
    requireOpen(opened.assessment);
    return opened;
  }

  return {
    /**
     * Adds a practitioner to the team; they also appear as involved in the child index, and on
     * joining see the team's history, assessment and plan (004 paras 201-203).
     */
    async addMember(user: User, assessmentId: string, input: MemberInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const userId = (input.userId ?? '').trim();
      let member = {
        userId: null as string | null,
        practitionerName: textField(errors, 'practitionerName', 'The practitioner’s name', input.practitionerName, {
          required: userId === '',
          max: 200,
        }),
        organisationId: (input.organisationId ?? '').trim(),
        role: textField(errors, 'role', 'Role', input.role, { required: false, max: 200 }),
        phone: (input.phone ?? '').trim(),
        email: (input.email ?? '').trim().toLowerCase(),
      };
      if (userId !== '') {
        const found = isUuid(userId) ? await teamRepo.findPractitionerInArea(db, userId, user.areaCode) : undefined;
        if (!found) errors.add('userId', 'in_area', 'Select a practitioner of this area');
        else
          member = {
            ...member,
            userId: found.id,
            practitionerName: found.displayName,
            organisationId: found.organisationId,
            role: member.role || found.jobTitle,
            email: found.email,
          };
      }
      // Chosen from the area's list (issue 14, bug 7).
      const service = await chooseServiceInto(errors, db, user.areaCode, input.service, todayOf(clock));
      if (member.organisationId === '') errors.add('organisationId', 'required', 'Select the organisation providing the service');
      else if (!(await organisationIsInArea(db, member.organisationId, user.areaCode)))
        errors.add('organisationId', 'in_area', 'Select an organisation in this area');
      if (member.email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(member.email))
        errors.add('email', 'email_format', 'Enter an email address in the correct format, like name@example.com');
      if (member.phone !== '' && !/^[0-9+() -]{6,20}$/.test(member.phone))
        errors.add('phone', 'phone_format', 'Enter a telephone number, like 01632 960 001');
      const joinedOn = pastOrToday(errors, 'joinedOn', 'Date joined', input.joinedOn, todayOf(clock));
      errors.throwIfAny();
      if (!service) throw notFound('service');
      return db.transaction(async (tx) => {
        const { assessment, team } = await forChange(tx, user, assessmentId);
        if (member.userId && team.some((m) => m.userId === member.userId && m.leftOn === null)) {
          throw assessmentProblems.alreadyMember(`${member.practitionerName} is already on the team`, {
            fieldErrors: [{ field: 'userId', rule: 'unique', message: `${member.practitionerName} is already on the team` }],
          });
        }
        // Someone already involved with the child (whoever added it, say) keeps their one involvement (issue 14).
        const involvementId = await teamRepo.involvementForMember(
          tx,
          assessment.childId,
          user.areaCode,
          user.id,
          {
            service: service.name,
            serviceId: service.id,
            organisationId: member.organisationId,
            practitionerUserId: member.userId,
            practitionerName: member.practitionerName,
            role: member.role,
            phone: member.phone,
            email: member.email,
            sensitive: service.sensitive,
            startedOn: joinedOn,
          },
          clock.now(),
        );
        const id = await teamRepo.insertTeamMember(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          involvementId,
          userId: member.userId,
          joinedOn,
          addedAt: clock.now(),
          addedBy: user.id,
        });
        await notify(tx, {
          teamOfAssessment: assessment.id,
          exceptUserId: user.id,
          event: 'team.member_added',
          link: paths.assessment(assessment.id),
          at: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.team_member_added', assessment, {
          teamMemberId: id,
          involvementId,
          organisationId: member.organisationId,
          service: service.name,
          serviceId: service.id,
        });
        return id;
      });
    },

    /** A member leaves (their involvement in the index ends too); the lead professional must hand over first. */
    async removeMember(
      user: User,
      assessmentId: string,
      memberId: string,
      leftOnInput: string | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      const errors = new FieldErrors();
      const leftOn = pastOrToday(errors, 'leftOn', 'Date left', leftOnInput, todayOf(clock));
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const { assessment, team } = await forChange(tx, user, assessmentId);
        const member = team.find((m) => m.id === memberId && m.leftOn === null);
        if (!member) throw notFound('team member');
        const lead = (await teamRepo.listLeadProfessionals(tx, assessment.id)).find((l) => l.endedAt === null);
        if (lead?.teamMemberId === member.id) {
          throw assessmentProblems.isLead(
            `${member.practitionerName} is the lead professional: appoint someone else before they leave the team.`,
          );
        }
        if (leftOn < member.joinedOn)
          throw platformProblems.validationFailed('Date left must be on or after the date joined', {
            fieldErrors: [
              { field: 'leftOn', rule: 'date_order', message: `Date left must be on or after the date they joined (${member.joinedOn})` },
            ],
          });
        await teamRepo.endTeamMembership(tx, [member.id], leftOn, { by: user.id, at: clock.now() });
        await audit(tx, user, ctx, 'assessment.team_member_left', assessment, { teamMemberId: member.id, leftOn });
      });
    },

    /**
     * Appoints the lead professional from the team by the area's criteria (000 §2.18), each one
     * confirmed; changing hands needs a handover note. Never automatic (004 paras 219-220).
     */
    async appointLeadProfessional(user: User, assessmentId: string, input: AppointInput, ctx: RequestContext): Promise<string> {
      return db.transaction(async (tx) => {
        const { assessment, team } = await forChange(tx, user, assessmentId);
        const { criteria } = await leadProfessionalCriteria(tx, user.areaCode, todayOf(clock));
        const errors = new FieldErrors();
        const member = team.find((m) => m.id === (input.teamMemberId ?? '') && m.leftOn === null);
        if (!member) errors.add('teamMemberId', 'team_member', 'Select the lead professional from the team around the child');
        const met = (input.criteriaMet ?? []).filter((c) => criteria.includes(c));
        if (met.length < criteria.length)
          errors.add('criteriaMet', 'all_criteria', 'Confirm the appointment meets each of the area’s criteria for a lead professional');
        const current = (await teamRepo.listLeadProfessionals(tx, assessment.id)).find((l) => l.endedAt === null);
        if (current && member && current.teamMemberId === member.id)
          errors.add('teamMemberId', 'already_lead', `${member.practitionerName} is already the lead professional`);
        const handoverNote = textField(errors, 'handoverNote', 'A handover note', input.handoverNote, { required: current !== undefined });
        errors.throwIfAny();
        if (!member) throw notFound('team member');
        const id = await teamRepo.appointLeadProfessional(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          teamMemberId: member.id,
          criteriaMet: met,
          appointedBy: user.id,
          handoverNote,
          appointedAt: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.lead_professional_appointed', assessment, {
          leadProfessionalId: id,
          teamMemberId: member.id,
          previousTeamMemberId: current?.teamMemberId ?? null,
        });
        return id;
      });
    },

    async addAction(user: User, assessmentId: string, input: ActionInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const need = textField(errors, 'need', 'The need', input.need, { required: false, max: 500 });
      const action = textField(errors, 'action', 'What will be done', input.action);
      const due = readDate(input.dueOn ?? '', 'Due date');
      if (!due.ok) errors.add('dueOn', due.rule, due.message);
      return db.transaction(async (tx) => {
        const { assessment, team } = await forChange(tx, user, assessmentId);
        const owner = team.find((m) => m.id === (input.ownerTeamMemberId ?? '') && m.leftOn === null);
        if (!owner) errors.add('ownerTeamMemberId', 'team_member', 'Select who will do it from the team around the child');
        errors.throwIfAny();
        const id = await workRepo.insertAction(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          need,
          action,
          ownerTeamMemberId: owner?.id ?? '',
          dueOn: due.ok ? due.value : todayOf(clock),
          createdBy: user.id,
          createdAt: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.action_added', assessment, { actionId: id, ownerTeamMemberId: owner?.id });
        return id;
      });
    },

    async setActionStatus(
      user: User,
      assessmentId: string,
      actionId: string,
      status: string | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      if (!ACTION_STATUSES.is(status)) {
        throw platformProblems.validationFailed('Select the action’s status', {
          fieldErrors: [{ field: 'status', rule: 'one_of', message: `Status must be one of: ${ACTION_STATUSES.values.join(', ')}` }],
        });
      }
      await db.transaction(async (tx) => {
        const { assessment } = await forChange(tx, user, assessmentId);
        if (!(await workRepo.setActionStatus(tx, assessment.id, actionId, status as ActionStatus, clock.now(), user.id)))
          throw notFound('action');
        await audit(tx, user, ctx, 'assessment.action_updated', assessment, { actionId, status });
      });
    },

    /** A review of the plan: who came, progress on each need, what was decided; optionally a new level of need. */
    async recordReview(user: User, assessmentId: string, input: ReviewInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const heldOn = pastOrToday(errors, 'heldOn', 'Date of the review', input.heldOn, todayOf(clock));
      const attendees = textField(errors, 'attendees', 'Who attended', input.attendees);
      const decisions = textField(errors, 'decisions', 'The decisions', input.decisions);
      const progress = (input.progress ?? [])
        .map((p) => ({ need: (p.need ?? '').trim(), progress: (p.progress ?? '').trim() }))
        .filter((p) => p.progress !== '');
      progress.forEach((p, i) => {
        if (p.progress.length > TEXT_MAX)
          errors.add(`progress[${i}].progress`, 'max_length', `Progress must be ${TEXT_MAX} characters or less`);
      });
      const levelText = (input.levelOfNeed ?? '').trim();
      const scheme = await schemeInForce(db, user.areaCode, todayOf(clock));
      const level = levelText === '' ? undefined : checkLevel(errors, 'levelOfNeed', scheme, levelText);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const { assessment } = await forChange(tx, user, assessmentId);
        const id = await workRepo.insertReview(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          heldOn,
          attendees,
          progress,
          decisions,
          recordedBy: user.id,
          recordedAt: clock.now(),
        });
        if (level) {
          await writes.recordNeedLevel(tx, {
            areaCode: user.areaCode,
            childId: assessment.childId,
            level,
            source: `review on ${heldOn}`,
            assessmentId: assessment.id,
            changedBy: user.id,
            changedAt: clock.now(),
          });
        }
        await audit(tx, user, ctx, 'assessment.review_recorded', assessment, { reviewId: id, levelOfNeed: level?.level ?? null });
        return id;
      });
    },

    /** Closes the episode with its outcome; the team disbands and, when needs are met, the child returns to universal services. */
    async close(user: User, assessmentId: string, input: CloseInput, ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      const outcome = (input.outcome ?? '').trim();
      if (!CLOSURE_OUTCOMES.is(outcome)) errors.add('outcome', 'one_of', 'Select why the assessment is closing');
      const note = textField(errors, 'note', 'A closing summary', input.note);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const { assessment } = await forChange(tx, user, assessmentId);
        const referrals = await referralRepo.listReferralsOfAssessment(tx, assessment.id, viewerOf(user), todayOf(clock));
        if (outcome === 'escalated' && !referrals.some((r) => r.decision === 'accepted' || r.decision === 'allocated')) {
          throw assessmentProblems.notEscalated('Close as escalated only once a referral has been accepted', {
            fieldErrors: [
              {
                field: 'outcome',
                rule: 'accepted_referral',
                message: 'Close as escalated only once a specialist service has accepted a referral',
              },
            ],
          });
        }
        await writes.closeAssessment(tx, assessment.id, CLOSURE_OUTCOMES.parse(outcome), note, user.id, clock.now());
        if (outcome === 'needs met') {
          await writes.recordNeedLevel(tx, {
            areaCode: user.areaCode,
            childId: assessment.childId,
            level: universalLevel(await schemeInForce(tx, user.areaCode, todayOf(clock))),
            source: 'closed with needs met',
            assessmentId: assessment.id,
            changedBy: user.id,
            changedAt: clock.now(),
          });
        }
        await audit(tx, user, ctx, 'assessment.closed', assessment, { outcome });
      });
    },
  };
}

export type TeamService = ReturnType<typeof teamService>;
