import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { todayIso } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, forbidden, notFound } from '../platform/errors.js';
import { can, type Principal } from '../platform/policy.js';
import { partnershipProblems } from './errors.js';
import { checkDate, checkNewArea, checkPartner, type DateInput, type NewAreaInput, type PartnerInput } from './input.js';
import * as repo from './repository.js';
import { dutyInForce, PARTNER_STATUSES, statusOn, type Organisation, type PartnerStatus, type StatutoryDuty } from './types.js';
import * as writes from './writes.js';

/** Who asks: the audit's actor and request, and the signed-in person (none for the operator's command line). */
export interface Caller {
  actor: Actor;
  ctx: RequestContext;
  principal: Principal | null;
}

/** A partner as it stood on a day: its status then, from its duty's kind and dates, and why (000 §1.16, §2.60 note 10). */
export interface PartnerOnDate extends Organisation {
  statusOnDate: PartnerStatus;
  duty: StatutoryDuty | null;
  dutyInForceOnDate: boolean;
}

function onDate(o: Organisation, duties: readonly StatutoryDuty[], asAt: string): PartnerOnDate {
  const duty = duties.find((d) => d.code === o.dutyCode) ?? null;
  return { ...o, statusOnDate: statusOn(duty, asAt), duty, dutyInForceOnDate: duty !== null && dutyInForce(duty, asAt) };
}

/** The lead authority, then the relevant partners that day, then the others; by name within each (the list's order). */
const byStatusOnDate = (a: PartnerOnDate, b: PartnerOnDate) =>
  PARTNER_STATUSES.values.indexOf(a.statusOnDate) - PARTNER_STATUSES.values.indexOf(b.statusOnDate);

export function partnershipService({ db, clock = systemClock }: { db: Db; clock?: Clock }) {
  const today = () => todayIso(clock.now());

  /** The day asked for, checked, or today when none is given. */
  const asAtOf = (asAtInput: DateInput | undefined): string => {
    if (asAtInput === undefined || (typeof asAtInput === 'string' ? asAtInput : asAtInput.year + asAtInput.month + asAtInput.day) === '')
      return today();
    const problems = new FieldErrors();
    const asAt = checkDate(problems, 'asAt', 'date to show the partnership as at', asAtInput);
    problems.throwIfAny();
    return asAt ?? today();
  };

  const areaOr404 = async (areaCode: string) => {
    const area = await repo.findArea(db, areaCode);
    if (!area) throw notFound('area');
    return area;
  };

  const mayManage = (caller: Caller, areaCode: string) => {
    if (caller.principal && !can(caller.principal, 'partners.manage', areaCode))
      throw forbidden('You cannot change the partners of that area.');
  };

  const partnerOr404 = async (areaCode: string, id: string) => {
    const partner = await repo.findOrganisation(db, areaCode, id);
    if (!partner) throw notFound('partner organisation');
    return partner;
  };

  const checked = async (areaCode: string, input: PartnerInput, exceptId?: string) => {
    const [area, districts, duties] = await Promise.all([
      areaOr404(areaCode),
      repo.listDistricts(db, areaCode),
      repo.listStatutoryDuties(db),
    ]);
    const row = checkPartner(input, { area, districts, duties });
    if (await repo.organisationNameTaken(db, areaCode, row.name, exceptId)) {
      const message = `${row.name} is already a partner of this area: choose another name`;
      throw partnershipProblems.partnerNameTaken(message, { fieldErrors: [{ field: 'name', rule: 'unique', message }] });
    }
    return row;
  };

  return {
    /**
     * The area with its districts and partners as they stood on a day (today unless asked): each
     * partner's duty then, and the statutory partner types the area has not brought in (000 §2.60).
     */
    async areaOverview(areaCode: string, asAtInput?: DateInput) {
      const area = await areaOr404(areaCode);
      const asAt = asAtOf(asAtInput);
      const [districts, all, duties] = await Promise.all([
        repo.listDistricts(db, areaCode),
        repo.listOrganisations(db, areaCode),
        repo.listStatutoryDuties(db),
      ]);
      // A partner closed on a day had left by then; one closed later was still a partner.
      const organisations = all
        .filter((o) => o.closedOn === null || asAt < o.closedOn)
        .map((o) => onDate(o, duties, asAt))
        .sort(byStatusOnDate);
      const missingPartnerTypes = duties.filter(
        (d) =>
          d.kind === 'relevant partner' &&
          dutyInForce(d, asAt) &&
          (!d.twoTierOnly || area.kind === 'county') &&
          !organisations.some((o) => o.dutyCode === d.code),
      );
      return {
        area,
        asAt,
        districts,
        organisations,
        closedOrganisations: all.filter((o) => o.closedOn !== null && o.closedOn <= asAt),
        missingPartnerTypes,
        counts: {
          relevantPartners: organisations.filter((o) => o.statusOnDate === 'relevant partner').length,
          otherPartners: organisations.filter((o) => o.statusOnDate === 'other partner').length,
        },
      };
    },

    /** The partners a person or a record may be linked to now: those not closed. */
    listOrganisations: (areaCode: string) => repo.listOpenOrganisations(db, areaCode),
    /** The duties a partner can be under; with a day, only those in force that day. */
    async listStatutoryDuties(asAtInput?: DateInput) {
      const duties = await repo.listStatutoryDuties(db);
      if (asAtInput === undefined) return duties;
      const asAt = asAtOf(asAtInput);
      return duties.filter((d) => dutyInForce(d, asAt));
    },
    listDistricts: (areaCode: string) => repo.listDistricts(db, areaCode),
    findArea: (areaCode: string) => areaOr404(areaCode),
    findPartner: (areaCode: string, id: string) => partnerOr404(areaCode, id),

    /** A system administrator sets up an area with its districts and its lead authority. */
    async createArea(caller: Caller, input: NewAreaInput): Promise<{ code: string; leadAuthorityId: string }> {
      if (caller.principal && !can(caller.principal, 'areas.create')) throw forbidden('Only a system administrator can create an area.');
      const { area, districts, leadAuthorityName } = checkNewArea(input);
      const problems = new FieldErrors();
      if (await repo.findArea(db, area.code)) {
        const message = `An area with ONS code ${area.code} is already set up`;
        throw partnershipProblems.areaExists(message, { fieldErrors: [{ field: 'code', rule: 'unique', message }] });
      }
      const taken = await repo.listTakenDistrictCodes(
        db,
        districts.map((d) => d.code),
      );
      if (taken.length > 0) problems.add('districts', 'unique', `District ${taken.join(', ')} already belongs to an area`);
      problems.throwIfAny();
      const duties = await repo.listStatutoryDuties(db);
      return db.transaction(async (tx) => {
        await writes.addAreaIfMissing(tx, area);
        for (const d of districts) await writes.addDistrictIfMissing(tx, area.code, d);
        const lead = checkPartner(
          { name: leadAuthorityName, organisationType: 'Children’s services authority', sector: 'local authority', dutyCode: 's10-1' },
          { area, districts, duties },
        );
        const leadAuthorityId = await writes.insertOrganisation(tx, area.code, lead);
        await recordAudit(tx, caller.actor, caller.ctx, {
          action: 'area.created',
          areaCode: area.code,
          occurredAt: clock.now(),
          subject: { type: 'area', id: area.code },
          details: { name: area.name, kind: area.kind, districts: districts.map((d) => d.code), leadAuthorityId },
        });
        return { code: area.code, leadAuthorityId };
      });
    },

    /** An area administrator registers a partner: its duty, or the reason it is in without one (000 §2.61). */
    async registerPartner(caller: Caller, areaCode: string, input: PartnerInput): Promise<string> {
      mayManage(caller, areaCode);
      const row = await checked(areaCode, input);
      return db.transaction(async (tx) => {
        const id = await writes.insertOrganisation(tx, areaCode, row);
        await recordAudit(tx, caller.actor, caller.ctx, {
          action: 'partner.registered',
          areaCode,
          occurredAt: clock.now(),
          subject: { type: 'organisation', id },
          details: { name: row.name, dutyCode: row.dutyCode, coverageKind: row.coverageKind },
        });
        return id;
      });
    },

    async changePartner(caller: Caller, areaCode: string, id: string, input: PartnerInput): Promise<void> {
      mayManage(caller, areaCode);
      const before = await partnerOr404(areaCode, id);
      const row = await checked(areaCode, input, id);
      const changed = (Object.keys(row) as (keyof typeof row)[]).filter((k) => JSON.stringify(row[k]) !== JSON.stringify(before[k]));
      await db.transaction(async (tx) => {
        await writes.updateOrganisation(tx, id, row);
        await recordAudit(tx, caller.actor, caller.ctx, {
          action: 'partner.changed',
          areaCode,
          occurredAt: clock.now(),
          subject: { type: 'organisation', id },
          details: { changed },
        });
      });
    },

    /** A partner leaves the arrangements on a day; what it holds stays, pointing at a closed partner. */
    async closePartner(caller: Caller, areaCode: string, id: string, closedOnInput: DateInput | undefined): Promise<void> {
      mayManage(caller, areaCode);
      const partner = await partnerOr404(areaCode, id);
      if (partner.closedOn !== null) throw partnershipProblems.partnerClosed(`${partner.name} was closed on ${partner.closedOn}`);
      const problems = new FieldErrors();
      const closedOn = checkDate(problems, 'closedOn', 'date it left the partnership', closedOnInput);
      if (closedOn !== null && closedOn > today()) problems.add('closedOn', 'not_future', 'The date it left must be today or in the past');
      problems.throwIfAny();
      await db.transaction(async (tx) => {
        await writes.closeOrganisation(tx, id, closedOn ?? today());
        await recordAudit(tx, caller.actor, caller.ctx, {
          action: 'partner.closed',
          areaCode,
          occurredAt: clock.now(),
          subject: { type: 'organisation', id },
          details: { name: partner.name, closedOn },
        });
      });
    },

    /** Only a partner that holds no records may be deleted (one entered by mistake); others are closed. */
    async deletePartner(caller: Caller, areaCode: string, id: string): Promise<void> {
      mayManage(caller, areaCode);
      const partner = await partnerOr404(areaCode, id);
      await db.transaction(async (tx) => {
        if ((await writes.deleteOrganisationUnlessReferenced(tx, id)) === 'referenced') {
          throw partnershipProblems.partnerHoldsRecords(
            `${partner.name} holds records (users, involvements or referrals point at it), so it cannot be deleted: close it with a date instead`,
            { details: { organisationId: id } },
          );
        }
        await recordAudit(tx, caller.actor, caller.ctx, {
          action: 'partner.deleted',
          areaCode,
          occurredAt: clock.now(),
          subject: { type: 'organisation', id },
          details: { name: partner.name },
        });
      });
    },
  };
}

export type PartnershipService = ReturnType<typeof partnershipService>;
export type AreaOverview = Awaited<ReturnType<PartnershipService['areaOverview']>>;
