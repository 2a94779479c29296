import type { Queryable } from '../../../src/platform/db.js';
import type { Agent, TestApp } from '../../helpers/app.js';
import { signedIn, type SignedIn } from '../../helpers/builders.js';
import { buildScene, created, type Scene } from '../../governance/scene.js';

/**
 * A plan ready to approve, on the governance scene's board (test/governance/scene.ts): its sections, one
 * priority with a key action, written as the plan's own SQL writes them (the drafting pages are cypp-plan's);
 * the budgets section left incomplete, so publication is refused until it is filled. Board decisions are
 * taken through governance's API as the board's secretariat takes them.
 */

export interface PlanScene {
  s: Scene;
  planner: SignedIn;
  planId: string;
  /** Section ids by kind. */
  sections: Record<string, string>;
}

export const VISION = 'Every child and young person in the county is safe, healthy and happy.\n\nWe will listen to them first.';

const SECTIONS: [kind: string, title: string, body: string, complete: boolean][] = [
  ['vision', 'Our vision for children and young people', VISION, true],
  ['needs_assessment', 'What children and young people need', 'Waiting times for mental health support have doubled.', true],
  ['priorities', 'Our priorities and the key actions to achieve them', 'Three priorities for the next three years.', true],
  ['budgets', 'How our budgets contribute', '', false],
  ['performance_review', 'Performance management and review', 'The board reviews progress every quarter and the plan every year.', true],
  ['cooperation', 'How we work together', 'The partners co-operate under section 10 through the trust board.', true],
];

export async function sqlOne<T>(db: Queryable, sql: string, params: unknown[]): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

/** A plan of the area written as the drafting service would, returning its id and its sections' ids by kind. */
export async function buildPlan(db: Queryable, area: string, lead: string, title = 'Children and Young People’s Plan 2026 to 2029') {
  const { id: planId } = await sqlOne<{ id: string }>(
    db,
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at)
     VALUES ($1, $2, '2026-04-01', '2029-03-31', 'board', now(), now()) RETURNING id`,
    [area, title],
  );
  const sections: Record<string, string> = {};
  for (const [i, [kind, sectionTitle, body, complete]] of SECTIONS.entries()) {
    const row = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO plan_section (plan_id, area_code, kind, title, body, complete, position, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [planId, area, kind, sectionTitle, body, complete, i + 1],
    );
    sections[kind] = row.id;
  }
  const priority = await sqlOne<{ id: string }>(
    db,
    `INSERT INTO plan_priority (plan_id, area_code, title, description, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, 'Better mental health', 'Help sooner, nearer home.', 'be-healthy', 1, now(), now()) RETURNING id`,
    [planId, area],
  );
  await db.query(
    `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, outline_cost_pence, position, created_at, updated_at)
     VALUES ($1, $2, 'Open two school counselling hubs', $3, '2026-04-01', '2027-03-31', 4500000, 1, now(), now())`,
    [priority.id, area, lead],
  );
  return { planId, sections };
}

export async function buildPlanScene(t: TestApp): Promise<PlanScene> {
  const s = await buildScene(t);
  const planner = await signedIn(t, 'planner', { areaCode: s.area, displayName: 'Pat Planner' });
  const { planId, sections } = await buildPlan(t.testDb.db, s.area, s.orgA);
  return { s, planner, planId, sections };
}

let meetings = 0;
/** A decision of the board at a quorate meeting of its own (before 1 June 2026, under the power of the first terms). */
export async function boardDecision(scene: PlanScene, decision: string): Promise<string> {
  const { s } = scene;
  const sec = s.agents.secretariat;
  meetings += 1;
  const heldOn = `2026-0${1 + (meetings % 5)}-${String(10 + meetings).padStart(2, '0')}`;
  const meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn, place: 'County Hall' }));
  const item = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'The Children and Young People’s Plan' }));
  for (const memberId of [s.seats.chair, s.seats.m1, s.seats.m2, s.seats.m3]) await sec.postJson(`/api/governance/meetings/${meeting}/attendance`, { memberId, attendance: 'present' });
  return created(
    await sec.postJson(`/api/governance/meetings/${meeting}/items/${item}/decisions`, {
      decision,
      powerId: s.powerV1.id,
      tookPart: [s.seats.chair, s.seats.m1, s.seats.m2, s.seats.m3],
    }),
  );
}

/** Marks a section complete with these words, as the drafting service would. */
export async function writeSection(t: { testDb: { db: Queryable } }, sectionId: string, body: string): Promise<void> {
  await t.testDb.db.query('UPDATE plan_section SET body = $2, complete = true, updated_at = now() WHERE id = $1', [sectionId, body]);
}

/** A JSON PUT, as the API's clients send one. */
export const putJson = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
