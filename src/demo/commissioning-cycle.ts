import { governanceServices, listBodies, membersOn, termsInForce } from '../governance/index.js';
import { findUserById, type User } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import type { DemoCommissioning } from './commissioning.js';

/**
 * Kestrelshire's commissions at the three levels (issue 17 item 3), through the services the pages use:
 * a strategic commission for child and adolescent mental health at monitoring, its needs analysis citing
 * the needs assessment and an indicator; an operational one for parenting support at sourcing, resting on a
 * board decision from which a member with a declared interest in the provider withdrew; and an individual
 * one started from a demo child's team around the child plan (by reference only). A commission already
 * there is left alone, so a second load makes nothing twice.
 */

const CAMHS = 'Child and adolescent mental health services (CAMHS)';
const PARENTING = 'Parenting support programmes';
const INDIVIDUAL = 'Residential short breaks for one child';

export async function loadDemoCommissions(demo: DemoCommissioning): Promise<number> {
  const { db, areaCode, commissioning } = demo;
  const { cycle } = commissioning;
  const planner = await findUserById(db, await demo.userId('planner@kestrelshire.example'));
  if (!planner) return 0;
  const by = { user: planner, ctx: demo.by.ctx };
  const existing = new Set((await db.query<{ title: string }>('SELECT title FROM commission WHERE area_code = $1', [areaCode])).map((r) => r.title));
  const serviceLike = async (pattern: string) =>
    (await db.query<{ id: string; organisationId: string | null }>(
      'SELECT id, organisation_id AS "organisationId" FROM area_service WHERE area_code = $1 AND name ILIKE $2 ORDER BY name LIMIT 1',
      [areaCode, pattern],
    ))[0];
  let created = 0;

  if (!existing.has(CAMHS)) {
    const service = await serviceLike('%mental health%');
    const id = await cycle.create(by, {
      level: 'strategic',
      title: CAMHS,
      purpose: 'One pathway for children’s emotional wellbeing and mental health, from early help in schools to specialist services, paid for from the pooled fund.',
      serviceId: service?.id,
      organisationIds: service?.organisationId ? [service.organisationId] : [],
    });
    const { indicators } = await cycle.citations(planner);
    const indicator = indicators.find((i) => /mental|emotional|wellbeing|health/i.test(i.title)) ?? indicators[0];
    if (indicator) await cycle.addEvidence(by, id, { kind: 'indicator', indicatorCode: indicator.code, note: 'The measure the service will be held to.' });
    await cycle.addEvidence(by, id, { kind: 'needs_assessment', outcomeCode: 'be-healthy' });
    await cycle.addEvidence(by, id, { kind: 'note', note: 'Waiting times for a first appointment have doubled in two years; schools report more children in distress.' });
    await cycle.move(by, id, { toStage: 'planning' });
    await cycle.addEvidence(by, id, { kind: 'note', note: 'Service specification agreed with the primary care trust and schools; children and young people’s panel consulted.' });
    await cycle.move(by, id, { toStage: 'sourcing' });
    await cycle.move(by, id, { toStage: 'contract' });
    await cycle.addEvidence(by, id, { kind: 'note', note: 'Three-year contract from 1 April with outcome-based targets.' });
    await cycle.move(by, id, { toStage: 'monitoring' });
    created += 1;
  }

  if (!existing.has(PARENTING)) {
    const service = await serviceLike('%parenting%');
    const decision = await boardDecisionWithWithdrawal(demo, service?.organisationId ?? null, service?.id ?? null);
    const organisationIds = [...new Set([decision?.organisationId, service?.organisationId].filter((o): o is string => typeof o === 'string'))];
    const id = await cycle.create(by, { level: 'operational', title: PARENTING, purpose: 'Evidence-based parenting programmes in each district, open to any family.', serviceId: service?.id, organisationIds });
    await cycle.addEvidence(by, id, { kind: 'needs_assessment', outcomeCode: 'stay-safe' });
    await cycle.move(by, id, { toStage: 'planning' });
    await cycle.move(by, id, { toStage: 'sourcing' });
    if (decision) await cycle.linkDecision(by, id, { decisionId: decision.decisionId, note: 'The board agreed to invite tenders; the provider’s trustee withdrew.' });
    created += 1;
  }

  if (!existing.has(INDIVIDUAL)) {
    // A demo child's team around the child plan: the reference alone is kept.
    const [episode] = await db.query<{ id: string }>(
      `SELECT ca.id FROM common_assessment ca WHERE ca.area_code = $1 AND ca.status = 'open'
          AND EXISTS (SELECT 1 FROM team_member m WHERE m.assessment_id = ca.id) ORDER BY ca.started_at, ca.id LIMIT 1`,
      [areaCode],
    );
    if (episode) {
      const id = await cycle.create(by, { level: 'individual', title: INDIVIDUAL, purpose: 'Short breaks recommended by the team around the child.', teamPlanAssessmentId: episode.id });
      await cycle.addEvidence(by, id, { kind: 'note', note: 'The team’s plan asks for overnight short breaks twice a month.' });
      created += 1;
    }
  }
  return created;
}

/**
 * A decision of the board on parenting support, taken as the board's secretariat or chair takes one: on an
 * item of its latest quorate meeting naming the provider, the member with a declared interest in it withdrawing.
 */
async function boardDecisionWithWithdrawal(demo: DemoCommissioning, providerId: string | null, serviceId: string | null): Promise<{ decisionId: string; organisationId: string } | undefined> {
  const { db, clock, areaCode } = demo;
  const business = governanceServices({ db, clock }).business;
  const board = (await listBodies(db, areaCode)).find((b) => b.kind === 'trust_board');
  if (!board) return undefined;
  const today = todayOf(clock);
  const seated = await membersOn(db, board.id, today);
  const managerSeat = seated.find((m) => m.userId !== null && (m.memberRole === 'secretariat' || m.memberRole === 'chair'));
  const manager: User | undefined = managerSeat?.userId ? await findUserById(db, managerSeat.userId) : undefined;
  if (!manager) return undefined;
  const by = { user: manager, ctx: demo.by.ctx };
  // The member who declared an interest (demo/governance-meetings.ts): the provider is their organisation.
  const [interest] = await db.query<{ organisationId: string }>(
    `SELECT i.organisation_id AS "organisationId" FROM governance_interest i JOIN governance_member m ON (m.user_id = i.user_id OR m.id = i.member_id)
      WHERE m.body_id = $1 AND i.organisation_id IS NOT NULL AND (i.to_on IS NULL OR i.to_on >= $2::date)
      ORDER BY (i.organisation_id = $3::uuid) DESC, i.from_on LIMIT 1`,
    [board.id, today, providerId],
  );
  const organisationId = interest?.organisationId ?? providerId;
  if (!organisationId) return undefined;
  const { meetings } = await business.meetings.listOfBody(by, board.id);
  for (const meeting of [...meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn))) {
    const view = await business.meetings.view(by, meeting.id);
    if (!view.quorum.quorate) continue;
    const itemId = await business.meetings.addItem(by, meeting.id, {
      title: 'Parenting support: invitation to tender',
      description: 'Whether to invite tenders for parenting support programmes from providers in every sector.',
      organisationIds: [organisationId],
      serviceIds: serviceId ? [serviceId] : [],
    });
    const after = await business.meetings.view(by, meeting.id);
    const interested = new Set((after.items.find((i) => i.id === itemId)?.interests ?? []).map((i) => i.memberId));
    const there = after.attendance.filter((a) => a.voting && (a.attendance === 'present' || (a.attendance === 'apologies' && a.deputyName !== ''))).map((a) => a.memberId);
    const withdrew = there.filter((m) => interested.has(m));
    const tookPart = there.filter((m) => !interested.has(m));
    const terms = await termsInForce(db, board.id, meeting.heldOn);
    const power = terms?.powers[0];
    if (!terms || !power || tookPart.length === 0) return undefined;
    const counted = terms.decisionMethod === 'consensus' ? {} : { votesFor: tookPart.length, votesAgainst: 0, abstentions: 0 };
    const decisionId = await business.decisions.record(by, meeting.id, itemId, {
      decision: 'Agreed to invite tenders for parenting support programmes, open to in-house, voluntary and private providers alike',
      powerId: power.id,
      tookPart,
      withdrew,
      ...counted,
    });
    return { decisionId, organisationId };
  }
  return undefined;
}
