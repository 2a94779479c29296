import { expect } from 'vitest';
import { signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser, type TestUser } from '../helpers/factories.js';

/**
 * A small partnership for the meetings tests (issue 16 items 4-6), set up through the bodies API as an
 * area administrator would: a board whose terms changed on 1 June 2026 (version 1: quorum of 3, by
 * consensus, one power; version 2: by majority vote, another power), five seats (one without a sign-in),
 * and an LSCB with a member of its own.
 */
export interface Scene {
  area: string;
  orgA: string;
  orgB: string;
  familySupport: string;
  board: string;
  lscb: string;
  powerV1: { id: string; description: string };
  powerV2: { id: string; description: string };
  seats: { chair: string; m1: string; m2: string; m3: string; secretariat: string; lscbMember: string };
  users: Record<'admin' | 'chair' | 'm1' | 'm2' | 'secretariat' | 'lscbMember' | 'outsider', TestUser>;
  agents: Record<'admin' | 'chair' | 'm1' | 'm2' | 'secretariat' | 'lscbMember' | 'outsider', Agent>;
}

export const created = (response: { statusCode: number; body: string }): string => {
  expect(response.statusCode, response.body).toBe(201);
  return (JSON.parse(response.body) as { id: string }).id;
};

export async function buildScene(t: TestApp): Promise<Scene> {
  const db = t.testDb.db;
  const area = await buildArea(db);
  const orgA = await buildOrganisation(db, area, `Eastmoor Family Support ${area}`);
  const orgB = await buildOrganisation(db, area, `Kestrel Police ${area}`);
  // The area's Family support service is provided by organisation A: an interest in A touches it too.
  await db.query(`UPDATE area_service SET organisation_id = $1 WHERE area_code = $2 AND name = 'Family support'`, [orgA, area]);
  const [service] = await db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 AND name = 'Family support'`, [area]);
  const person = async (role: 'area_admin' | 'board_member' | 'practitioner', organisationId?: string) =>
    buildUser(db, t.config, { role, areaCode: area, organisationId });
  const users = {
    admin: await person('area_admin'),
    chair: await person('board_member'),
    m1: await person('board_member', orgA),
    m2: await person('board_member', orgB),
    secretariat: await person('board_member'),
    lscbMember: await person('practitioner'),
    outsider: await person('board_member'),
  };
  const agents = {} as Scene['agents'];
  for (const [key, user] of Object.entries(users)) agents[key as keyof Scene['agents']] = await signIn(t.app, user);
  const admin = agents.admin;
  const board = created(
    await admin.postJson('/api/governance/bodies', { kind: 'trust_board', name: 'Children’s Trust Board', establishedOn: '2025-01-01', remit: 'The trust' }),
  );
  const terms = (effectiveFrom: string, decisionMethod: string, power: string) =>
    admin.postJson(`/api/governance/bodies/${board}/terms`, {
      effectiveFrom,
      reviewOn: '2027-12-31',
      purpose: 'Lead the children’s trust',
      membership: 'Partners',
      quorumKind: 'count',
      quorumCount: 3,
      decisionMethod,
      powers: [{ description: power, authority: 'delegated', level: 'strategic', referBack: false }],
    });
  expect((await terms('2025-01-01', 'consensus', 'Agree the Children and Young People’s Plan')).statusCode).toBe(201);
  expect((await terms('2026-06-01', 'majority_vote', 'Commission family support services')).statusCode).toBe(201);
  const powers = await db.query<{ id: string; description: string }>(
    'SELECT p.id, p.description FROM governance_power p JOIN governance_terms t ON t.id = p.terms_id WHERE t.body_id = $1 ORDER BY t.version',
    [board],
  );
  const seat = async (bodyId: string, fields: Record<string, unknown>) =>
    created(await admin.postJson(`/api/governance/bodies/${bodyId}/members`, { fromDate: '2025-01-01', canCommitResources: true, ...fields }));
  const seats = {
    chair: await seat(board, { userId: users.chair.id, personName: 'Chris Chair', memberRole: 'chair', constituency: 'Elected members' }),
    m1: await seat(board, { userId: users.m1.id, personName: 'Morgan One', memberRole: 'member', organisationId: orgA }),
    m2: await seat(board, { userId: users.m2.id, personName: 'Max Two', memberRole: 'member', organisationId: orgB, deputyName: 'Dana Deputy' }),
    m3: await seat(board, { personName: 'Young Three', memberRole: 'member', constituency: 'Young people' }),
    secretariat: await seat(board, { userId: users.secretariat.id, personName: 'Sam Secretary', memberRole: 'secretariat', constituency: 'Secretariat' }),
    lscbMember: '',
  };
  const lscb = created(await admin.postJson('/api/governance/bodies', { kind: 'lscb', name: 'Local Safeguarding Children Board', establishedOn: '2025-01-01' }));
  expect(
    (
      await admin.postJson(`/api/governance/bodies/${lscb}/terms`, {
        effectiveFrom: '2025-01-01',
        reviewOn: '2027-12-31',
        purpose: 'Safeguarding',
        quorumKind: 'count',
        quorumCount: 1,
        decisionMethod: 'consensus',
        powers: [{ description: 'Agree safeguarding procedures', authority: 'delegated', level: 'operational', referBack: false }],
      })
    ).statusCode,
  ).toBe(201);
  seats.lscbMember = await seat(lscb, { userId: users.lscbMember.id, personName: 'Lee Safeguard', memberRole: 'chair', constituency: 'Independent chair' });
  const [powerV1, powerV2] = powers;
  if (!powerV1 || !powerV2 || !service) throw new Error('scene incomplete');
  return { area, orgA, orgB, familySupport: service.id, board, lscb, powerV1, powerV2, seats, users, agents };
}
