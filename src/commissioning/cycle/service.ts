import { openEpisodeInArea, teamPlanFor } from '../../assessment/index.js';
import { directoryService } from '../../directory/index.js';
import { citableDecisionExists, citeDecision, listCitableDecisions, type DecisionCited } from '../../governance/index.js';
import { citedOutcomes, type IndicatorNow, type NeedsNow } from '../../outcomes/index.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { commissioningProblems } from '../errors.js';
import { COMMISSION_LEVELS, COMMISSION_STAGES, type CommissionLevel, type CommissionStage } from '../types.js';
import * as repo from './repository.js';
import { checkMove, movesFrom } from './stages.js';
import { EVIDENCE_KINDS, type Commission, type CommissionProvider, type Evidence, type StageMove } from './types.js';

/**
 * Commissioning at three levels through the recorded stages of the cycle (issue 17 item 3; 000 §2.36-2.46;
 * ADR 0029). Each change is audited in its transaction; a read that names a child (an individual commission
 * whose plan the viewer may follow) is audited with the child's id.
 */

export interface CycleCaller {
  user: User;
  ctx: RequestContext;
}

export interface CommissionInput {
  level?: unknown;
  title?: unknown;
  purpose?: unknown;
  serviceId?: unknown;
  fundId?: unknown;
  organisationIds?: unknown;
  serviceIds?: unknown;
  teamPlanAssessmentId?: unknown;
}

export interface EvidenceInput {
  kind?: unknown;
  note?: unknown;
  indicatorCode?: unknown;
  outcomeCode?: unknown;
}

/** An individual commission's plan as the viewer may see it: the link and the child's name, or nothing of the child. */
export type TeamPlanShown = { visible: true; childName: string; href: string } | { visible: false };

export type EvidenceShown = Evidence & { indicator: IndicatorNow | null; needs: NeedsNow | null };
export type DecisionShown = DecisionCited & { stage: CommissionStage; note: string; linkedAt: Date; linkedByName: string };

export interface CommissionView {
  commission: Commission;
  providers: CommissionProvider[];
  moves: StageMove[];
  evidence: EvidenceShown[];
  decisions: DecisionShown[];
  teamPlan: TeamPlanShown | null;
  nextMoves: { stage: CommissionStage; forward: boolean }[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
const ids = (v: unknown): string[] => [...new Set((Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(text).filter((x) => x !== ''))];

export function cycleService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const outcomes = citedOutcomes({ db });
  const directory = directoryService({ db, clock });

  async function commissionFor(user: User, id: string, q: Queryable = db, forUpdate = false): Promise<Commission> {
    const found = isUuid(id) ? await repo.findCommission(q, user.areaCode, id, forUpdate) : undefined;
    if (!found) throw commissioningProblems.notFound('No such commission in this area');
    return found;
  }

  async function checked(user: User, input: CommissionInput) {
    const errors = new FieldErrors();
    const level = COMMISSION_LEVELS.is(input.level) ? input.level : undefined;
    if (!level) errors.add('level', 'one_of', 'Select the level: strategic, operational or individual');
    const title = text(input.title);
    if (title === '') errors.add('title', 'required', 'Enter the commission’s title');
    else if (title.length > 200) errors.add('title', 'max_length', 'The title must be 200 characters or fewer');
    const purpose = text(input.purpose);
    if (purpose.length > 4000) errors.add('purpose', 'max_length', 'What it is for must be 4,000 characters or fewer');
    const inArea = async (table: 'area_service' | 'fund', id: string) =>
      isUuid(id) && (await db.query(`SELECT 1 FROM ${table} WHERE id = $1 AND area_code = $2`, [id, user.areaCode])).length > 0;
    const serviceId = text(input.serviceId);
    if (serviceId !== '' && !(await inArea('area_service', serviceId))) errors.add('serviceId', 'known_service', 'Select a service from the area’s directory, or none');
    const fundId = text(input.fundId);
    if (fundId !== '' && !(await inArea('fund', fundId))) errors.add('fundId', 'known_fund', 'Select one of the area’s funds, or none');
    const organisationIds = ids(input.organisationIds);
    for (const id of organisationIds)
      if (!(isUuid(id) && (await organisationIsInArea(db, id, user.areaCode)))) errors.add('organisationIds', 'in_area', 'Select partner organisations of this area');
    const serviceIds = ids(input.serviceIds);
    for (const id of serviceIds) if (!(await inArea('area_service', id))) errors.add('serviceIds', 'known_service', 'Select services from the area’s directory');
    const teamPlanAssessmentId = text(input.teamPlanAssessmentId);
    if (teamPlanAssessmentId !== '') {
      if (level !== undefined && level !== 'individual')
        errors.add('teamPlanAssessmentId', 'individual_only', 'Only individual commissioning starts from a child’s team around the child plan');
      else if (!(await openEpisodeInArea(db, user.areaCode, teamPlanAssessmentId)))
        errors.add('teamPlanAssessmentId', 'known_plan', 'Enter the reference of an open team around the child plan of this area, as its lead professional gave it');
    }
    errors.throwIfAny();
    return { level: level as CommissionLevel, title, purpose, serviceId: serviceId || null, fundId: fundId || null, organisationIds, serviceIds, teamPlanAssessmentId: teamPlanAssessmentId || null };
  }

  /** What a commission touches for declared interests: its provider organisations and services, and the service commissioned. */
  const touchesOf = (commission: Commission, providers: readonly CommissionProvider[]) => ({
    organisationIds: providers.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
    serviceIds: [...new Set([...providers.flatMap((p) => (p.serviceId ? [p.serviceId] : [])), ...(commission.serviceId ? [commission.serviceId] : [])])],
  });

  return {
    async list(user: User, filter: { level?: unknown; stage?: unknown; page?: unknown }, pageSize = 25) {
      const errors = new FieldErrors();
      const given = (v: unknown) => v !== undefined && v !== '';
      const level = COMMISSION_LEVELS.is(filter.level) ? filter.level : undefined;
      const stage = COMMISSION_STAGES.is(filter.stage) ? filter.stage : undefined;
      if (given(filter.level) && !level) errors.add('level', 'one_of', 'Select a level: strategic, operational or individual');
      if (given(filter.stage) && !stage) errors.add('stage', 'one_of', 'Select a stage of the cycle');
      errors.throwIfAny();
      const n = Number(filter.page ?? 1);
      const page = Number.isInteger(n) && n >= 1 ? n : 1;
      const found = await repo.listCommissions(db, user.areaCode, { level, stage }, { offset: (page - 1) * pageSize, limit: pageSize });
      return { ...found, page, lastPage: Math.max(1, Math.ceil(found.total / pageSize)), level: level ?? null, stage: stage ?? null };
    },

    async create(by: CycleCaller, input: CommissionInput): Promise<string> {
      const c = await checked(by.user, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertCommission(tx, { ...c, areaCode: by.user.areaCode, by: by.user.id, at: clock.now() });
        await repo.insertProviders(tx, by.user.areaCode, id, c.organisationIds, c.serviceIds);
        // The audit entry names no child: an individual commission's plan is a reference, recorded as the episode's id.
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'commissioning.commission_created',
          subject: { type: 'commission', id },
          details: { level: c.level, title: c.title, serviceId: c.serviceId, fundId: c.fundId, organisationIds: c.organisationIds, serviceIds: c.serviceIds, teamPlanAssessmentId: c.teamPlanAssessmentId },
        });
        return id;
      });
    },

    async view(by: CycleCaller, id: string): Promise<CommissionView> {
      const commission = await commissionFor(by.user, id);
      const [providers, moves, evidence, links] = await Promise.all([
        repo.listProviders(db, commission.id),
        repo.listStageMoves(db, commission.id),
        repo.listEvidence(db, commission.id),
        repo.listDecisionLinks(db, commission.id),
      ]);
      const codes = (k: 'indicatorCode' | 'outcomeCode') => [...new Set(evidence.flatMap((e) => (e[k] ? [e[k]] : [])))];
      const [indicators, needs] = await Promise.all([outcomes.indicatorsNow(by.user.areaCode, codes('indicatorCode')), outcomes.needsNow(by.user.areaCode, codes('outcomeCode'))]);
      const touches = touchesOf(commission, providers);
      const today = todayOf(clock);
      const decisions: DecisionShown[] = [];
      for (const link of links) {
        const cited = await citeDecision(db, by.user, link.decisionId, touches, today);
        if (cited) decisions.push({ ...cited, stage: link.stage, note: link.note, linkedAt: link.linkedAt, linkedByName: link.linkedByName });
      }
      let teamPlan: TeamPlanShown | null = null;
      if (commission.teamPlanAssessmentId) {
        const seen = await teamPlanFor(db, by.user, commission.teamPlanAssessmentId);
        teamPlan = seen ? { visible: true, childName: seen.childName, href: seen.href } : { visible: false };
        // Every read that names a child is audited with the child's id (the one visibility rule let it through).
        if (seen)
          await db.transaction((tx) =>
            audit(tx, actorOf(by.user), by.ctx, {
              action: 'commissioning.team_plan_seen',
              subject: { type: 'commission', id: commission.id },
              details: { childIds: [seen.childId], assessmentId: seen.assessmentId },
            }),
          );
      }
      return {
        commission,
        providers,
        moves,
        evidence: evidence.map((e) => ({
          ...e,
          indicator: e.indicatorCode ? (indicators.find((i) => i.code === e.indicatorCode) ?? null) : null,
          needs: e.outcomeCode ? (needs.find((n) => n.outcomeCode === e.outcomeCode) ?? null) : null,
        })),
        decisions,
        teamPlan,
        nextMoves: movesFrom(commission.stage),
      };
    },

    /** Moves the commission to another stage by the order rules (stages.ts), with who, when and why kept. */
    async move(by: CycleCaller, id: string, input: { toStage?: unknown; reason?: unknown }): Promise<CommissionStage> {
      const reason = text(input.reason);
      if (reason.length > 2000) throw commissioningProblems.invalid('The reason is too long', { fieldErrors: [{ field: 'reason', rule: 'max_length', message: 'The reason must be 2,000 characters or fewer' }] });
      return db.transaction(async (tx) => {
        // Locked, so two moves of one commission queue and each is checked against the stage the other left.
        const commission = await commissionFor(by.user, id, tx, true);
        const to = checkMove({ from: commission.stage, needsCited: await repo.needsCited(tx, commission.id) }, input.toStage, reason);
        const at = clock.now();
        await repo.setStage(tx, commission.id, to, at);
        await repo.insertStageMove(tx, { areaCode: commission.areaCode, commissionId: commission.id, from: commission.stage, to, reason, by: by.user.id, at });
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'commissioning.stage_moved',
          subject: { type: 'commission', id: commission.id },
          details: { from: commission.stage, to, reason },
        });
        return to;
      });
    },

    /** Adds evidence to the stage the commission is at: words, or a citation of an indicator or the needs assessment. */
    async addEvidence(by: CycleCaller, id: string, input: EvidenceInput): Promise<string> {
      const commission = await commissionFor(by.user, id);
      const errors = new FieldErrors();
      const kind = EVIDENCE_KINDS.is(input.kind) ? input.kind : undefined;
      if (!kind) errors.add('kind', 'one_of', 'Select what the evidence is: a note, an indicator or the needs assessment');
      const note = text(input.note);
      if (note.length > 4000) errors.add('note', 'max_length', 'The note must be 4,000 characters or fewer');
      else if (kind === 'note' && note === '') errors.add('note', 'required', 'Enter the evidence');
      let indicatorCode: string | null = null;
      let outcomeCode: string | null = null;
      if (kind === 'indicator' || kind === 'needs_assessment') {
        const choices = await outcomes.choices(by.user.areaCode);
        if (kind === 'indicator') {
          indicatorCode = text(input.indicatorCode);
          if (!choices.indicators.some((i) => i.code === indicatorCode)) errors.add('indicatorCode', 'known_indicator', 'Select one of the area’s indicators');
        } else {
          outcomeCode = text(input.outcomeCode);
          if (!choices.outcomes.some((o) => o.code === outcomeCode)) errors.add('outcomeCode', 'known_outcome', 'Select the outcome whose needs assessment is cited');
        }
      }
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const at = clock.now();
        const evidenceId = await repo.insertEvidence(tx, { areaCode: commission.areaCode, commissionId: commission.id, stage: commission.stage, kind: kind ?? 'note', note, indicatorCode, outcomeCode, by: by.user.id, at });
        await repo.touchCommission(tx, commission.id, at);
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'commissioning.evidence_added',
          subject: { type: 'commission', id: commission.id },
          details: { evidenceId, stage: commission.stage, kind, indicatorCode, outcomeCode },
        });
        return evidenceId;
      });
    },

    /** Cites a board decision taken through governance as what the commission's current stage rests on. */
    async linkDecision(by: CycleCaller, id: string, input: { decisionId?: unknown; note?: unknown }): Promise<void> {
      const commission = await commissionFor(by.user, id);
      const errors = new FieldErrors();
      const decisionId = text(input.decisionId);
      const note = text(input.note);
      if (decisionId === '') errors.add('decisionId', 'required', 'Select the board’s decision');
      else if (!(isUuid(decisionId) && (await citableDecisionExists(db, by.user.areaCode, decisionId))))
        errors.add('decisionId', 'known_decision', 'Select a decision of one of the area’s bodies (the LSCB’s are its own)');
      else if (await repo.decisionLinked(db, commission.id, decisionId)) errors.add('decisionId', 'unique', 'This decision is already linked to the commission');
      if (note.length > 2000) errors.add('note', 'max_length', 'The note must be 2,000 characters or fewer');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const at = clock.now();
        await repo.insertDecisionLink(tx, { areaCode: commission.areaCode, commissionId: commission.id, decisionId, stage: commission.stage, note, by: by.user.id, at });
        await repo.touchCommission(tx, commission.id, at);
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'commissioning.decision_linked',
          subject: { type: 'commission', id: commission.id },
          details: { decisionId, stage: commission.stage },
        });
      });
    },

    /** The board's decisions a commission may cite (a select's choices). */
    citableDecisions: (user: User) => listCitableDecisions(db, user.areaCode),
    /** The area's services (open and closed) a commission may name. */
    services: (user: User) => directory.list(user.areaCode),
    /** The indicators and outcomes evidence may cite. */
    citations: (user: User) => outcomes.choices(user.areaCode),
  };
}

export type CycleService = ReturnType<typeof cycleService>;
