import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus } from '../helpers/builders.js';
import { buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * The last two contracts of a commission decommissioned at the same moment still move the commission to
 * decommissioning, exactly once (ADR 0038): each decommissioning locks the commission's row before it reads the
 * commission's other contracts, so the second waits for the first and then sees it. Proven on a PostgreSQL
 * server, where requests run on separate connections at once: run with DATABASE_URL set.
 */

let t: TestApp;
let s: ContractScene;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  t = await createTestApp();
  s = await contractScene(t);
}, 300_000);
afterAll(async () => t?.close());

describe.skipIf(!process.env.DATABASE_URL)('decommissioning the last two contracts of a commission at once, on PostgreSQL', () => {
  it('moves the commission once, whichever comes second', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id: commissionId } = await expectStatus(s.planner.postJson(cp.apiCommissions, { level: 'operational', title: `Round ${round}` }));
      await t.testDb.db.query(`UPDATE commission SET stage = 'review' WHERE id = $1`, [commissionId]);
      const contracts = [await buildContract(s, { commissionId }), await buildContract(s, { commissionId })];
      const answers = await Promise.all(
        contracts.map((id) =>
          s.planner.postJson(`${cp.apiContract(id)}/decommission`, { decidedOn: '2026-01-14', endsOn: '2026-03-31', reasons: 'Ended together', released: '0' }),
        ),
      );
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
      expect(answers.map((r) => (r.json() as { commissionMoved: boolean }).commissionMoved).sort()).toEqual([false, true]);
      const [row] = await t.testDb.db.query<{ stage: string }>('SELECT stage FROM commission WHERE id = $1', [commissionId]);
      expect(row?.stage).toBe('decommissioning');
    }
  });
});
