import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { governancePaths as gp, governanceServices } from '../../src/governance/index.js';
import { findUserById } from '../../src/platform/auth/repository.js';
import { systemClock } from '../../src/platform/clock.js';
import { signInAs, type TestServer } from './browser.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * A body's business pages (issue 16 items 4-6) as its secretariat: a chief officers' group is set up
 * through the services (the demo's board member its secretariat, a partner's member beside them, a
 * meeting with an item touching that partner and the board member's declared interest in it), then the
 * board member, signed in, scans its meetings, the meeting, the item, attendance, a decision, an action,
 * the actions list, declarations and accountability, each form also with its errors.
 */
export async function scanGovernanceBusinessPages(page: Page, server: TestServer): Promise<void> {
  const db = server.running.db;
  const governance = governanceServices({ db, clock: systemClock });
  const operator = { actor: { userId: null, label: 'accessibility test', role: null, areaCode: DEMO_AREA.code }, ctx: { ip: 'local', userAgent: 'test', requestId: 'a11y' } };
  const [secretary] = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'board.member@kestrelshire.example'`);
  const user = await findUserById(db, secretary?.id ?? '');
  const [partner] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND closed_on IS NULL ORDER BY name LIMIT 1', [DEMO_AREA.code]);
  if (!user || !partner) throw new Error('the demo has no board member or partner');
  const body = await governance.bodies.addBody(operator, DEMO_AREA.code, { kind: 'chief_officers_group', name: 'Chief officers’ group (scanned)', establishedOn: '2025-01-01' });
  await governance.bodies.addTerms(operator, DEMO_AREA.code, body, {
    effectiveFrom: '2025-01-01',
    reviewOn: '2027-12-31',
    purpose: 'Implement the board’s strategy',
    quorumKind: 'count',
    quorumCount: 1,
    decisionMethod: 'consensus',
    powers: [{ description: 'Agree operational plans', authority: 'delegated', level: 'operational', referBack: false }],
  });
  await governance.bodies.addMember(operator, DEMO_AREA.code, body, { userId: user.id, personName: user.displayName, memberRole: 'secretariat', constituency: 'Secretariat', canCommitResources: false, fromDate: '2025-01-01' });
  const member = await governance.bodies.addMember(operator, DEMO_AREA.code, body, { personName: 'Pat Partner', memberRole: 'member', organisationId: partner.id, canCommitResources: true, deputyName: 'Dee Deputy', fromDate: '2025-01-01' });
  const by = { user, ctx: operator.ctx };
  const meeting = await governance.business.meetings.schedule(by, body, { heldOn: '2026-02-10', startsAt: '10:00', place: 'County Hall' });
  const item = await governance.business.meetings.addItem(by, meeting, { title: 'Partner’s report', organisationIds: [partner.id] });
  const spare = await governance.business.meetings.addItem(by, meeting, { title: 'Any other business' });
  await governance.business.interests.declare(by, { organisationId: partner.id, nature: 'Former employee', fromOn: '2025-01-01' });
  await governance.business.meetings.recordAttendance(by, meeting, { memberId: member, attendance: 'present' });
  await signInAs(page, server, 'board.member@kestrelshire.example');

  await scan(page, gp.bodyMeetings(body));
  await scan(page, gp.bodyMeetingNew(body));
  await scanWithErrors(page, 'Schedule the meeting');
  await scan(page, gp.meeting(meeting));
  await expect(page.locator('.app-declared-interests').textContent()).resolves.toContain('Former employee');
  await scan(page, gp.meetingItemRemove(meeting, spare));
  await scan(page, gp.meetingItemNew(meeting));
  await scanWithErrors(page, 'Add the item');
  await scan(page, gp.meetingItem(meeting, item));
  await scanWithErrors(page, 'Add the paper');
  await scan(page, gp.meetingAttendance(meeting));
  await scanWithErrors(page, 'Record attendance');
  await scan(page, gp.meetingItemDecisionNew(meeting, item));
  await scanWithErrors(page, 'Record the decision');
  await page.locator('#decision').fill('Agreed the partner’s operational plan');
  await page.locator('#powerId').selectOption({ index: 1 });
  await page.locator('input[name="tookPart"]').first().check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'an item with a decision');
  await scan(page, gp.meetingActionNew(meeting));
  await scanWithErrors(page, 'Set the action');
  await page.locator('#description').fill('Send the plan to partners');
  await page.locator('#owner').selectOption({ index: 1 });
  await page.locator('#dueOn').fill('1/3/2026');
  await page.getByRole('button', { name: 'Set the action' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a meeting with an overdue action');
  await scan(page, gp.bodyActions(body));
  await scan(page, gp.interests);
  await scanWithErrors(page, 'Declare the interest');
  await scan(page, gp.accountability);
  await scan(page, gp.accountabilityPartner(partner?.id ?? 'none'));
  await scanWithErrors(page, 'Record the commitment');
}
