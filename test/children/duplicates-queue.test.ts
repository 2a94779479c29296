import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

/** The review queue of likely duplicates, a page of 50 at a time, through the pages and the API. */

let t: TestApp;
let area: string;
let manager: Agent;
let children: string[] = [];
const GIVEN_NAMES = ['Amara', 'Bodhi', 'Cleo', 'Dev', 'Elin', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jude', 'Kit', 'Lior'];
/** Every two of the 12 children make a pair: 66 in all, two pages. */
const PAIRS = (GIVEN_NAMES.length * (GIVEN_NAMES.length - 1)) / 2;

const compareLinks = (html: string): string[] =>
  [...html.matchAll(/href="\/possible-duplicates\/([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '');
const apiPage = (query = '') => manager.get(`/api/possible-duplicates${query}`);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const org = await buildOrganisation(db, area);
  const practitioner = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: org }));
  manager = await signIn(t.app, await buildUser(db, t.config, { role: 'practice_manager', areaCode: area, organisationId: org }));
  children = [];
  for (const [i, givenName] of GIVEN_NAMES.entries()) {
    const dateOfBirth = `2015-03-${String(i + 1).padStart(2, '0')}`;
    const created = await practitioner.postJson('/api/children', { givenName, familyName: `Queue-${givenName}`, dateOfBirth });
    expect(created.statusCode, created.body).toBe(201);
    children.push(created.json().id as string);
  }
  // The pairs a review would queue, found a minute apart, so the oldest-first order is known.
  await db.query(
    `INSERT INTO possible_duplicate (area_code, child_id, other_child_id, score, reasons, found_at)
     SELECT $1, a.id, b.id, 0.7, 'same date of birth; names alike', now() - make_interval(mins => (1000 - row_number() OVER (ORDER BY a.id, b.id))::int)
       FROM child a JOIN child b ON b.area_code = a.area_code AND a.id < b.id
      WHERE a.area_code = $1`,
    [area],
  );
}, 120_000);
afterAll(async () => t?.close());

describe('the review queue, a page at a time', () => {
  it('shows 50 pairs on the first page, with the total and GOV.UK pagination to the next', async () => {
    const page = await manager.get(paths.possibleDuplicates);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Possible duplicate records (page 1 of 2)');
    expect(page.body).toContain(`${PAIRS} pairs waiting for review`);
    expect(page.body).toContain(`Showing pairs 1 to 50 of ${PAIRS}, most alike first`);
    expect(compareLinks(page.body)).toHaveLength(50);
    expect(page.body).toContain('class="govuk-pagination"');
    expect(page.body).toMatch(/href="\/possible-duplicates\?page=1"[^>]*aria-current="page"/);
    expect(page.body).toMatch(/href="\/possible-duplicates\?page=2" rel="next"/);
    expect(page.body).not.toContain('rel="prev"');
  });

  // All the pairs here are equally alike (0.7), so the queue's order (most alike first) falls to the oldest first.
  it('shows the rest on the second page, oldest first among equally alike pairs, and none twice', async () => {
    const first = compareLinks((await manager.get(paths.possibleDuplicates)).body);
    const second = await manager.get(`${paths.possibleDuplicates}?page=2`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<title>Possible duplicate records (page 2 of 2)');
    expect(second.body).toContain(`Showing pairs 51 to ${PAIRS} of ${PAIRS}`);
    const rest = compareLinks(second.body);
    expect(rest).toHaveLength(PAIRS - 50);
    expect(new Set([...first, ...rest]).size).toBe(PAIRS);
    expect(second.body).toMatch(/href="\/possible-duplicates\?page=1" rel="prev"/);
    expect(second.body).not.toContain('rel="next"');
    const oldestFirst = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM possible_duplicate WHERE area_code = $1 AND status = 'pending' ORDER BY score DESC, found_at, id`,
      [area],
    );
    expect([...first, ...rest]).toEqual(oldestFirst.map((r) => r.id));
  });

  it('shows the first page for a page number that is not one, and page not found beyond the last', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '']) {
      const page = await manager.get(`${paths.possibleDuplicates}?page=${bad}`);
      expect(page.statusCode, bad).toBe(200);
      expect(page.body, bad).toContain('Showing pairs 1 to 50');
    }
    const beyond = await manager.get(`${paths.possibleDuplicates}?page=3`);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.body).toContain('Page not found');
  });

  it('pages the API the same way, with the total, the page and its size', async () => {
    const first = await apiPage();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: PAIRS, page: 1, pageSize: 50 });
    expect(first.json().items).toHaveLength(50);
    expect(first.json().items[0]).toEqual({
      id: expect.any(String),
      score: expect.closeTo(0.7, 5),
      reasons: 'same date of birth; names alike',
      foundAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      child: {
        id: expect.any(String),
        givenName: expect.any(String),
        familyName: expect.stringMatching(/^Queue/),
        dateOfBirth: expect.any(String),
      },
      other: {
        id: expect.any(String),
        givenName: expect.any(String),
        familyName: expect.stringMatching(/^Queue/),
        dateOfBirth: expect.any(String),
      },
    });
    const second = (await apiPage('?page=2')).json();
    expect(second).toMatchObject({ total: PAIRS, page: 2, pageSize: 50 });
    expect(second.items).toHaveLength(PAIRS - 50);
    expect((await apiPage('?page=3')).json()).toEqual({ items: [], total: PAIRS, page: 3, pageSize: 50 });
  });

  it('refuses a page that is not a whole number of 1 or more, naming the field and the rule', async () => {
    for (const [query, rule] of [
      ['?page=0', 'minimum'],
      ['?page=abc', 'type'],
      ['?page=1.5', 'type'],
    ] as const) {
      const refused = await apiPage(query);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors, query).toEqual([expect.objectContaining({ field: 'page', rule })]);
    }
  });

  it('is in the OpenAPI document with its page parameter and paged answer', async () => {
    const doc = (await manager.get(paths.openApi)).json();
    const operation = doc.paths['/api/possible-duplicates'].get;
    expect(operation.parameters).toEqual([expect.objectContaining({ name: 'page', in: 'query' })]);
    expect(JSON.stringify(operation.responses['200'])).toContain('pageSize');
  });

  it('leaves out pairs with a record shielded from the manager', async () => {
    const shieldedBy = await buildOrganisation(t.testDb.db, area, 'Shielding service');
    const shielded = children[0] ?? '';
    await t.testDb.asOwner((owner) =>
      owner.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [shielded, shieldedBy]),
    );
    const without = PAIRS - (GIVEN_NAMES.length - 1);
    const queue = (await apiPage()).json();
    expect(queue.total).toBe(without);
    const named = (queue.items as { child: { id: string }; other: { id: string } }[]).flatMap((p) => [p.child.id, p.other.id]);
    expect(named).not.toContain(shielded);
    expect((await manager.get(paths.possibleDuplicates)).body).toContain(`${without} pairs waiting for review`);
  });
});
