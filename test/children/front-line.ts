import { expect } from 'vitest';
import type { Queryable } from '../../src/platform/db.js';
import type { Agent } from '../helpers/app.js';
import { recordChild } from '../helpers/builders.js';

/** Front-line records for a child, made through the assessment API as a practitioner would. */

const CHECKLIST_ANSWERS = { healthy: 'yes', safe: 'yes', learning: 'not sure', contribution: 'yes', wellbeing: 'no', met: 'no' };

/** A common assessment's content that meets the completion rules, with its level of need. */
const content = (levelOfNeed: string) => ({
  reasonForAssessment: 'Attendance has fallen since the family moved',
  family: 'Lives with her mother and a younger brother',
  servicesInvolved: 'Primary school; health visiting',
  elements: { 'development.emotional-social': { strengths: 'Close to her brother', needs: 'Help settling at a new school' } },
  childViews: 'Wants to make friends at school',
  parentViews: 'Mother wants help with mornings',
  conclusions: 'Needs co-ordinated support from school and family support',
  agreedActions: [{ who: 'Class teacher', what: 'Weekly check-in', byWhen: '2027-01-31' }],
  levelOfNeed,
});

type Response = { statusCode: number; body: string; json(): unknown };

async function succeeded(response: Promise<Response>): Promise<Response> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(201);
  return r;
}

const created = async (response: Promise<Response>): Promise<string> => ((await succeeded(response)).json() as { id: string }).id;

export interface FrontLine {
  checkId: string;
  assessmentId: string;
}

/**
 * A pre-assessment checklist, then a common assessment with consent to record, completed (version 1)
 * at `levelOfNeed`, which records the child's level of need. The assessment stays open.
 */
export async function recordFrontLine(agent: Agent, childId: string, levelOfNeed = 'additional'): Promise<FrontLine> {
  const checkId = await created(
    agent.postJson(`/api/children/${childId}/pre-assessment-checks`, { answers: CHECKLIST_ANSWERS, decision: 'common assessment needed' }),
  );
  const assessmentId = await created(agent.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
  await created(
    agent.postJson(`/api/assessments/${assessmentId}/consents`, {
      kind: 'given',
      givenByName: 'Maya Fenwick',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      givenOn: '2026-11-01',
      method: 'in writing',
    }),
  );
  await succeeded(agent.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content: content(levelOfNeed) }));
  return { checkId, assessmentId };
}

/** Only an open common assessment, nothing else. */
export const startAssessment = (agent: Agent, childId: string): Promise<string> =>
  created(agent.postJson(`/api/children/${childId}/assessments`, { service: 'School nursing' }));

/**
 * Two records of one child, recorded by two people (the first and second agent), which the index
 * queues as a likely duplicate pair; gives both ids and the pair's.
 */
export async function twoRecordsOfOneChild(
  db: Queryable,
  [first, second]: [Agent, Agent],
  givenName: string,
  dateOfBirth: string,
): Promise<{ kept: string; other: string; pairId: string }> {
  const kept = await recordChild(first, { givenName, familyName: 'Fenwick', dateOfBirth, postcode: 'KE1 1AA' });
  const other = await recordChild(second, { givenName, familyName: 'Fenwick', dateOfBirth, postcode: 'KE9 9ZZ' });
  const [pair] = await db.query<{ id: string }>(
    `SELECT id FROM possible_duplicate WHERE status = 'pending' AND $1 IN (child_id, other_child_id) AND $2 IN (child_id, other_child_id)`,
    [kept, other],
  );
  expect(pair).toBeDefined();
  return { kept, other, pairId: String(pair?.id) };
}
