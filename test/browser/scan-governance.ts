import type { Page } from 'playwright-core';
import { DEMO_AREA } from '../../src/demo/area.js';
import { governancePaths as gp } from '../../src/governance/index.js';
import type { TestServer } from './browser.js';
import { scan, scanWithErrors } from './scanning.js';

/**
 * The governance pages of bodies (issue 16 items 1-3) as the demo's area administrator, who sets them up
 * and is the board's secretariat: each page fresh and, for forms, with its errors (accessibility.test.ts
 * checks every page route was scanned).
 */
export async function scanGovernanceAdminPages(page: Page, server: TestServer): Promise<void> {
  const bodies = await server.running.db.query<{ id: string; kind: string }>('SELECT id, kind FROM governance_body WHERE area_code = $1', [DEMO_AREA.code]);
  const board = bodies.find((b) => b.kind === 'trust_board')?.id ?? 'the demo has no board';
  const lscb = bodies.find((b) => b.kind === 'lscb')?.id ?? 'the demo has no LSCB';
  const [member] = await server.running.db.query<{ id: string }>('SELECT id FROM governance_member WHERE body_id = $1 ORDER BY from_date LIMIT 1', [board]);
  await scan(page, gp.home);
  await scan(page, gp.body(board));
  await scan(page, `${gp.body(board)}?asAt-day=1&asAt-month=1&asAt-year=2007`);
  await scan(page, gp.body(lscb));
  await scan(page, gp.bodyBusiness(board));
  // The LSCB's business is not the area administrator's (ADR 0022): refused, on an accessible page.
  await scan(page, gp.bodyBusiness(lscb), 403);
  await scan(page, gp.bodyTerms(board));
  await scan(page, gp.bodyTermsVersion(board, 1));
  await scan(page, gp.bodyTermsNew(board));
  await scanWithErrors(page, 'Save the new version');
  await scan(page, gp.bodyNew);
  await scanWithErrors(page, 'Save the body');
  await scan(page, gp.bodyEdit(board));
  await scan(page, gp.bodyMemberNew(board));
  await scanWithErrors(page, 'Save the member');
  await scan(page, gp.bodyMember(board, member?.id ?? 'the board has no member'));
  await scan(page, gp.namedRoleNew);
  await scanWithErrors(page, 'Save the named role');
  await scan(page, gp.linkNew);
  await scanWithErrors(page, 'Save the link');
}
