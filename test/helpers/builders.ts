import { expect } from 'vitest';
import type { Role } from '../../src/platform/policy.js';
import { signIn, type Agent, type TestApp } from './app.js';
import { buildUser, type TestUser } from './factories.js';

/**
 * Builders for the set-up most test files need: people signed in by role, children and common
 * assessments recorded through the API as a practitioner would. Each returns what it made; a
 * set-up step that fails fails the test at once, with the response that refused it.
 */

/** A browser-like client signed in as a new user, with that user. */
export type SignedIn = Agent & { readonly user: TestUser };

export interface SignedInOptions {
  areaCode: string;
  /** A new organisation in the area when left out. */
  organisationId?: string;
  /** A designated safeguarding lead (ADR 0006: may decide on sharing without consent). */
  designatedSafeguarding?: boolean;
  displayName?: string;
  jobTitle?: string;
  email?: string;
  /** A practitioner or manager comes trained and vetted for the child index unless false (004 Box 6.1). */
  training?: boolean;
}

/** A new user of this role, signed in through the real pages (with the second factor where the role has one). */
export async function signedIn(t: TestApp, role: Role, options: SignedInOptions): Promise<SignedIn> {
  const { designatedSafeguarding, displayName, jobTitle, ...identity } = options;
  const user = await buildUser(t.testDb.db, t.config, { role, ...identity });
  if (designatedSafeguarding || displayName !== undefined || jobTitle !== undefined) {
    await t.testDb.asOwner((owner) =>
      owner.query(
        `UPDATE app_user SET designated_safeguarding = designated_safeguarding OR $2,
                display_name = coalesce($3, display_name), job_title = coalesce($4, job_title)
          WHERE id = $1`,
        [user.id, designatedSafeguarding === true, displayName ?? null, jobTitle ?? null],
      ),
    );
  }
  return Object.assign(await signIn(t.app, user), { user });
}

type Response = { statusCode: number; body: string; json(): unknown };

/** Awaits a response that must have the status, failing with its body if not; gives back its JSON. */
export async function expectStatus<T = { id: string }>(response: Promise<Response>, status = 201): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return (status === 204 ? undefined : r.json()) as T;
}

export interface ChildInput {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  postcode?: string;
  nhsNumber?: string;
  upn?: string;
  [field: string]: unknown;
}

/** The body of POST /api/children for an ordinary child; any field can be changed or left out (undefined). */
export const buildChild = (overrides: ChildInput = {}): ChildInput => ({
  givenName: 'Jamie',
  familyName: 'Cole',
  dateOfBirth: '2016-04-12',
  postcode: 'KS1 2AB',
  ...overrides,
});

/** Records a child through the API (buildChild's body with the overrides); gives back its id. */
export async function recordChild(agent: Agent, overrides: ChildInput = {}): Promise<string> {
  return (await expectStatus(agent.postJson('/api/children', buildChild(overrides)))).id;
}

/** Consent given by a parent to record, and to share with the organisations named. */
export const givenConsent = (shareWith: string[] = [], overrides: Record<string, unknown> = {}) => ({
  kind: 'given',
  givenByName: 'Sarah Cole',
  givenByRelationship: 'parent or carer',
  toRecord: true,
  shareWith,
  method: 'in writing',
  ...overrides,
});

export interface AssessmentInput {
  /** The child the assessment is for; a new one (buildChild with these fields) when not an id. */
  child?: string | ChildInput;
  service?: string;
  /** Consent to record and to share with these organisations; none recorded when left out. */
  shareWith?: string[];
  /** People who join the team after the assessor, in order. */
  team?: { userId: string; service: string }[];
}

export interface BuiltAssessment {
  childId: string;
  assessmentId: string;
  consentId: string | undefined;
  /** The team memberships of `team`, in the same order. */
  memberIds: string[];
}

/** An open common assessment started by `agent`, with consent and a team when asked for. */
export async function buildAssessment(agent: Agent, input: AssessmentInput = {}): Promise<BuiltAssessment> {
  const childId = typeof input.child === 'string' ? input.child : await recordChild(agent, input.child);
  const { id: assessmentId } = await expectStatus(
    agent.postJson(`/api/children/${childId}/assessments`, { service: input.service ?? 'Primary school' }),
  );
  const consentId = input.shareWith
    ? (await expectStatus(agent.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent(input.shareWith)))).id
    : undefined;
  const memberIds: string[] = [];
  for (const member of input.team ?? []) {
    memberIds.push((await expectStatus(agent.postJson(`/api/assessments/${assessmentId}/team`, member))).id);
  }
  return { childId, assessmentId, consentId, memberIds };
}

/** The stable code of a problem response (`about:blank#both_open_assessments` → `both_open_assessments`). */
export const problemCode = (r: { json(): unknown }): string => String((r.json() as { type?: string }).type ?? '').split('#')[1] ?? '';

/** A refusal's faults as `field:rule`, the way a test names what it expects. */
export const faultRules = (r: { json(): unknown }): string[] =>
  ((r.json() as { errors?: { field: string; rule: string }[] }).errors ?? []).map((e) => `${e.field}:${e.rule}`);
