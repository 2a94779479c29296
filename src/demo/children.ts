import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childServices, importChildren } from '../children/index.js';
import { listUsersInArea } from '../platform/auth/repository.js';
import type { Clock } from '../platform/clock.js';
import { CSV_COLUMNS, nearDuplicates, syntheticChildren, toCsvRow, type SyntheticChild } from './synthetic/children.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';
import { DEMO_LOAD_CONTEXT } from './assessment-kit.js';

/**
 * The demo area's child index: a few thousand synthetic children (never real people) from the
 * school census, some of them known again to child health with spelling variants (so likely
 * duplicates wait for review), services and practitioners involved, and a few shielded records.
 */

export const DEMO_CHILDREN = 3000;
const DEMO_TODAY = new Date(Date.UTC(2026, 10, 23));

async function writeCsv(file: string, children: Iterable<SyntheticChild>): Promise<void> {
  const lines = [CSV_COLUMNS.join(',')];
  for (const child of children) lines.push(toCsvRow(child));
  await fs.promises.writeFile(file, `${lines.join('\n')}\n`);
}

export async function demoHasChildren(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM child WHERE area_code = $1 LIMIT 1', [DEMO_AREA.code])).length > 0;
}

/** Loads the demo children once; does nothing when the area already has children. Shielding happens at the clock's time. */
export async function loadDemoChildren(
  db: Db,
  clock: Clock,
  count = DEMO_CHILDREN,
  progress: (message: string) => void = () => undefined,
): Promise<number> {
  if (await demoHasChildren(db)) return 0;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'ctp-demo-'));
  try {
    const census = path.join(dir, 'school-census.csv');
    const health = path.join(dir, 'child-health.csv');
    await writeCsv(census, syntheticChildren({ seed: 2026, count, source: 'school-census', today: DEMO_TODAY }));
    await writeCsv(
      health,
      nearDuplicates(syntheticChildren({ seed: 2026, count, source: 'school-census', today: DEMO_TODAY }), {
        seed: 7,
        rate: 0.05,
        source: 'child-health',
        today: DEMO_TODAY,
      }),
    );
    progress(`loading the demo: children 1/2, the school census (${count.toLocaleString('en-GB')} rows)`);
    const first = await importChildren(db, {
      file: census,
      areaCode: DEMO_AREA.code,
      errorsFile: path.join(dir, 'census.errors.csv'),
      today: DEMO_TODAY,
    });
    progress('loading the demo: children 2/2, child health records (likely duplicates queued for review)');
    await importChildren(db, {
      file: health,
      areaCode: DEMO_AREA.code,
      errorsFile: path.join(dir, 'health.errors.csv'),
      today: DEMO_TODAY,
    });
    progress('loading the demo: services involved and shielded records');
    await addDemoInvolvements(db);
    await shieldDemoFamilies(db, clock);
    return first.created;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Who works with which demo children: set-based, by age, school and town. */
async function addDemoInvolvements(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const area = DEMO_AREA.code;
    const involve = (sql: string, params: unknown[]) => tx.query(sql, [area, ...params]);
    // Each names a service of the area's list (demo/services.ts), by its name.
    const insert = `INSERT INTO involvement (child_id, area_code, service, service_id, organisation_id, practitioner_user_id, practitioner_name, role, phone, email, sensitive, started_on)
      SELECT c.id, c.area_code, s.name, s.id, o.id, u.id, $3, $4, $5, $6, $7, greatest(c.date_of_birth, DATE '2026-11-23' - $8::int)
        FROM child c JOIN organisation o ON o.area_code = c.area_code AND o.name = $9
        JOIN area_service s ON s.area_code = c.area_code AND s.name = $2
        LEFT JOIN app_user u ON u.email = $6`;
    // Health visiting for the under-fives (the demo health visitor).
    await involve(
      `${insert} WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.date_of_birth > DATE '2021-11-23' ORDER BY c.id LIMIT 180`,
      [
        'Health visiting',
        'Aisha Begum',
        'Health visitor',
        '01632 960 210',
        'health.visitor@kestrelshire.example',
        false,
        400,
        'Kestrelshire Primary Care Trust',
      ],
    );
    // Special educational needs support at the college (the demo teacher).
    await involve(
      `${insert} WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.school = 'Ashcombe Community College' ORDER BY c.id LIMIT 45`,
      [
        'Special educational needs support',
        'Daniel Price',
        'Special educational needs co-ordinator',
        '01632 960 330',
        'teacher@kestrelshire.example',
        false,
        700,
        'Ashcombe Community College',
      ],
    );
    // Youth offending team supervision for a few teenagers.
    await involve(
      `${insert} WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.date_of_birth BETWEEN DATE '2009-01-01' AND DATE '2012-06-30' ORDER BY c.id DESC LIMIT 18`,
      [
        'Youth offending team supervision',
        'Kwame Mensah',
        'Youth justice worker',
        '01632 960 450',
        'k.mensah@kestrelshire-yot.example',
        false,
        200,
        'Kestrelshire Youth Offending Team',
      ],
    );
    // Family support in Eastmoor.
    await involve(`${insert} WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.town = 'Eastmoor' ORDER BY c.id LIMIT 70`, [
      'Family support',
      'Rachel Nowak',
      'Family support worker',
      '01632 960 520',
      'r.nowak@eastmoorfamilysupport.example',
      false,
      300,
      'Eastmoor Family Support',
    ]);
    // A sensitive service: others see only that one is involved and whom to contact.
    await involve(
      `${insert} WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.date_of_birth BETWEEN DATE '2009-06-01' AND DATE '2011-05-31' ORDER BY c.family_name LIMIT 12`,
      [
        'Sexual health and contraception',
        'Clinic nurse on duty',
        'Specialist nurse',
        '01632 960 600',
        'sexual.health@kestrelshire-hospitals.example',
        true,
        120,
        'Kestrelshire Hospitals NHS Trust',
      ],
    );
  });
}

/**
 * Five families fleeing violence, shielded the way the service does it: the health visitor asks, and
 * the practice manager (a designated safeguarding lead) approves.
 */
async function shieldDemoFamilies(db: Db, clock: Clock): Promise<void> {
  const users = await listUsersInArea(db, DEMO_AREA.code);
  const healthVisitor = users.find((u) => u.email === 'health.visitor@kestrelshire.example');
  const manager = users.find((u) => u.email === 'practice.manager@kestrelshire.example');
  if (!healthVisitor || !manager) throw new Error('demo users missing: the health visitor and the practice manager');
  const { shielding } = childServices({ db, clock });
  const picked = await db.query<{ id: string }>(
    `SELECT c.id FROM child c WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.town = 'Caddon Vale' ORDER BY c.id LIMIT 5`,
    [DEMO_AREA.code],
  );
  for (const { id } of picked) {
    const requestId = await shielding.request(
      healthVisitor,
      id,
      'shield',
      'Family moved to a refuge after domestic abuse',
      DEMO_LOAD_CONTEXT,
    );
    await shielding.decide(manager, requestId, true, '', DEMO_LOAD_CONTEXT);
  }
}
