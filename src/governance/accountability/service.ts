import { organisationIsInArea } from '../../partnership/index.js';
import { auditWithClock } from '../../platform/audit.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { accessToBody, managesMeetings, requireBusinessAccess } from '../access.js';
import { listBodies } from '../bodies/repository.js';
import { governanceProblems } from '../errors.js';
import { listOpenActionsOfOrganisation } from '../meetings/decisions-repository.js';
import { readDay, requiredText, textOf } from '../meetings/input.js';
import type { BusinessCaller } from '../meetings/service.js';
import * as repo from './repository.js';
import { COMMITMENT_STATUSES, type PartnerCommitmentSource } from './types.js';

/**
 * Accountability (issue 16 item 6; 001 §3.4: "the Board should hold its individual members to account
 * for delivering their agreed part of a shared plan"). Each partner's commitments to a body, recorded by
 * the body's chair or secretariat, with progress notes (by them, or by a member speaking for the partner);
 * the view per partner adds its open actions from the bodies' meetings. Seen by those who see the body's
 * business (governance/access.ts); every change audited.
 */

export function accountabilityService({ db, clock, commitmentSources = [] }: { db: Db; clock: Clock; commitmentSources?: readonly PartnerCommitmentSource[] }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The bodies whose business the caller sees, and those they manage. */
  async function bodiesOf(by: BusinessCaller) {
    const bodies = await listBodies(db, by.user.areaCode);
    const seen: { id: string; name: string; manage: boolean }[] = [];
    for (const body of bodies) {
      const access = await accessToBody(db, by.user, body, today());
      if (access !== 'none') seen.push({ id: body.id, name: body.name, manage: managesMeetings(access) });
    }
    return seen;
  }

  return {
    bodiesOf,

    /** Each partner with its commitments to the bodies the caller sees. */
    async overview(by: BusinessCaller) {
      const bodies = await bodiesOf(by);
      return { bodies, partners: await repo.countCommitmentsByOrganisation(db, by.user.areaCode, bodies.map((b) => b.id), today()) };
    },

    /** A partner's commitments and their status, and its open actions from the bodies' meetings. */
    async ofPartner(by: BusinessCaller, organisationId: string) {
      if (!(isUuid(organisationId) && (await organisationIsInArea(db, organisationId, by.user.areaCode))))
        throw governanceProblems.notFound('The partner organisation you asked for does not exist in this area');
      const bodies = await bodiesOf(by);
      const ids = new Set(bodies.map((b) => b.id));
      const [{ name } = { name: '' }] = await db.query<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [organisationId]);
      const commitments = await repo.listCommitmentsOfOrganisation(db, organisationId, [...ids], today());
      const actions = (await listOpenActionsOfOrganisation(db, organisationId, today())).filter((a) => bodies.some((b) => b.name === a.bodyName));
      // Commitments other features keep (the plan's key actions), through the sources wired in (never imported).
      const sourced = (await Promise.all(commitmentSources.map((source) => source(by.user.areaCode, organisationId)))).flat();
      return { organisationId, organisationName: name, bodies, commitments, actions, sourced };
    },

    /** Records a partner's agreed commitment to a body: by its chair or secretariat. */
    async addCommitment(
      by: BusinessCaller,
      input: { bodyId?: unknown; organisationId?: unknown; description?: unknown; agreedOn?: unknown; dueOn?: unknown },
    ): Promise<string> {
      const errors = new FieldErrors();
      const bodyId = textOf(input.bodyId);
      if (!isUuid(bodyId)) errors.add('bodyId', 'required', 'Select the body the commitment is made to');
      const organisationId = textOf(input.organisationId);
      if (!(isUuid(organisationId) && (await organisationIsInArea(db, organisationId, by.user.areaCode))))
        errors.add('organisationId', 'in_area', 'Select a partner organisation of this area');
      const description = requiredText(errors, 'description', input.description, 'what the partner has agreed to do', 2000);
      const agreedOn = readDay(errors, 'agreedOn', input.agreedOn, 'the day it was agreed');
      const dueOn = readDay(errors, 'dueOn', input.dueOn, 'the day it is due');
      if (agreedOn !== undefined && dueOn !== undefined && dueOn < agreedOn)
        errors.add('dueOn', 'date_order', `The day it is due must be on or after the day it was agreed, ${formatDate(agreedOn)}`);
      errors.throwIfAny();
      const { body } = await requireBusinessAccess(db, by.user, bodyId, today(), 'manage');
      return db.transaction(async (tx) => {
        const id = await repo.insertCommitment(tx, {
          areaCode: body.areaCode,
          bodyId: body.id,
          organisationId,
          description,
          agreedOn: agreedOn ?? '',
          dueOn: dueOn ?? '',
          status: 'not_started',
          at: clock.now(),
        });
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'governance.commitment_recorded',
          subject: { type: 'governance_commitment', id },
          details: { bodyId: body.id, organisationId, agreedOn, dueOn },
        });
        return id;
      });
    },

    /** A progress note with the status it gives: by the body's chair or secretariat, or a member speaking for the partner. */
    async addNote(by: BusinessCaller, commitmentId: string, input: { note?: unknown; status?: unknown }): Promise<string> {
      const commitment = isUuid(commitmentId) ? await repo.findCommitment(db, by.user.areaCode, commitmentId, today()) : undefined;
      if (!commitment) throw governanceProblems.notFound('The commitment you asked for does not exist in this area');
      const { access } = await requireBusinessAccess(db, by.user, commitment.bodyId, today());
      const [speaksFor] = await db.query(
        `SELECT 1 FROM governance_member WHERE body_id = $1 AND organisation_id = $2 AND user_id = $3
            AND from_date <= $4::date AND (to_date IS NULL OR to_date >= $4::date)`,
        [commitment.bodyId, commitment.organisationId, by.user.id, today()],
      );
      if (!managesMeetings(access) && !speaksFor)
        throw governanceProblems.notInBody(`Only the chair, the secretariat and members speaking for ${commitment.organisationName} note its progress`, {
          details: { bodyId: commitment.bodyId },
        });
      const errors = new FieldErrors();
      const note = requiredText(errors, 'note', input.note, 'the progress made', 4000);
      const status = COMMITMENT_STATUSES.is(input.status) ? input.status : undefined;
      if (!status) errors.add('status', 'one_of', 'Select how the commitment stands');
      errors.throwIfAny();
      if (!status) throw new Error('unreachable');
      return db.transaction(async (tx) => {
        const id = await repo.insertNote(tx, { areaCode: by.user.areaCode, commitmentId: commitment.id, note, status, by: by.user.id, byName: by.user.displayName, at: clock.now() });
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'governance.commitment_progress',
          subject: { type: 'governance_commitment', id: commitment.id },
          details: { before: commitment.status, after: status },
        });
        return id;
      });
    },
  };
}

export type AccountabilityService = ReturnType<typeof accountabilityService>;
