import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * The auditor's trail (issue 14): filtered by date, person, action and child through a GET form,
 * each entry in plain words, paged with totals, downloaded as CSV (itself audited), and the same
 * filters on the JSON API.
 */

let t: TestApp;
let practitioner: SignedIn;
let outsider: SignedIn;
let auditor: SignedIn;
const ids = { ella: '', hidden: '' };

type ApiEvent = { seq: number; action: string; what: string; actorUserId: string | null; children: { id: string; name: string | null }[] };
type ApiPage = { events: ApiEvent[]; total: number; page: number; pageSize: number };

async function open(agent: SignedIn, id: string, reason: string) {
  await agent.get(paths.child(id));
  return agent.postAndFollow(paths.childOpen(id), { reason });
}
const api = async (query: string): Promise<ApiPage> => {
  const r = await auditor.get(`/api/audit-events?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ApiPage;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const organisation = await buildOrganisation(db, area);
  const other = await buildOrganisation(db, area);
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: organisation, displayName: 'Pat Practitioner' });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: other, displayName: 'Olly Outsider' });
  auditor = await signedIn(t, 'auditor', { areaCode: area });
  ids.ella = await recordChild(practitioner, { givenName: 'Ella', familyName: 'Watson', dateOfBirth: '2017-08-08' });
  ids.hidden = await recordChild(practitioner, { givenName: 'Erin', familyName: 'Shield', dateOfBirth: '2015-01-20' });
  await open(outsider, ids.ella, 'Safeguarding concern');
  await open(outsider, ids.hidden, '=HYPERLINK("http://example.com","x")');
  await t.testDb.asOwner((owner) =>
    owner.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [ids.hidden, organisation]),
  );
}, 120_000);
afterAll(async () => t?.close());

describe('the audit trail in plain words', () => {
  it('shows who, what, which child by name, when and why', async () => {
    const page = await auditor.get(paths.audit);
    expect(page.statusCode).toBe(200);
    const row =
      /<tr class="govuk-table__row">(?:(?!<\/tr>)[\s\S])*Opened a child’s record(?:(?!<\/tr>)[\s\S])*Ella Watson(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(
        page.body,
      )?.[0] ?? '';
    expect(row).toContain('Olly Outsider');
    expect(row).toContain('Safeguarding concern');
    expect(row).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)/);
    expect(page.body).not.toContain('>child.viewed<');
    expect(page.body).toMatch(/Showing 1 to \d+ of \d+, newest first/);
    // The action filter offers words, with the code as the value.
    expect(page.body).toContain('<option value="child.viewed">Opened a child’s record</option>');
  });

  it('names a record shielded from the auditor only as a shielded record', async () => {
    const page = await auditor.get(`${paths.audit}?child=${ids.hidden}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Erin');
    expect(page.body).toContain('A shielded record');
    expect(page.body).toMatch(/\d+ entries match/);
  });

  it('records the read, with every child its entries are about, and the children the page named', async () => {
    await auditor.get(`${paths.audit}?action=child.viewed`);
    const [entry] = await t.testDb.db.query<{
      details: { childIds: string[]; namedChildIds: string[]; filters: Record<string, string>; total: number };
    }>(
      `SELECT details FROM audit_event WHERE actor_user_id = $1 AND action = 'audit.read' ORDER BY seq DESC LIMIT 1`,
      [auditor.user.id],
    );
    expect(entry?.details.filters).toEqual({ action: 'child.viewed' });
    expect(entry?.details.childIds).toEqual(expect.arrayContaining([ids.ella, ids.hidden]));
    expect(entry?.details.namedChildIds).toContain(ids.ella);
    expect(entry?.details.namedChildIds).not.toContain(ids.hidden);
  });
});

describe('filters', () => {
  it('narrows by action, person and child, and keeps the filters in a link', async () => {
    const all = await api('');
    const viewed = await api('action=child.viewed');
    expect(viewed.total).toBeGreaterThan(0);
    expect(viewed.total).toBeLessThan(all.total);
    expect(viewed.events.every((e) => e.action === 'child.viewed' && e.what === 'Opened a child’s record')).toBe(true);

    const byOutsider = await api(`person=${outsider.user.id}`);
    expect(byOutsider.total).toBeGreaterThan(0);
    expect(byOutsider.events.every((e) => e.actorUserId === outsider.user.id)).toBe(true);

    const aboutElla = await api(`child=${ids.ella}`);
    expect(aboutElla.events.map((e) => e.action)).toEqual(expect.arrayContaining(['child.created', 'child.viewed']));
    expect(aboutElla.events.every((e) => e.children.some((c) => c.id === ids.ella && c.name === 'Ella Watson'))).toBe(true);

    const page = await auditor.get(`${paths.audit}?person=${outsider.user.id}&action=child.viewed`);
    expect(page.body).toContain(`<option value="${outsider.user.id}" selected>Olly Outsider (${outsider.user.email})</option>`);
    expect(page.body).toContain(`href="${paths.auditExport}?person=${outsider.user.id}&amp;action=child.viewed"`);
    const table = /<tbody[\s\S]*<\/tbody>/.exec(page.body)?.[0] ?? '';
    expect(table).toContain('Olly Outsider');
    expect(table).not.toContain('Pat Practitioner');
  });

  it('narrows by dates, both days included, in UK time', async () => {
    // Days are UK days: en-CA prints a date as YYYY-MM-DD.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number);
    const all = await api('');
    // Each read is an entry of its own: the next read sees one more.
    expect((await api(`from=${today}&to=${today}`)).total).toBe(all.total + 1);
    expect((await api('to=2020-01-01')).total).toBe(0);
    const page = await auditor.get(`${paths.audit}?from-day=${d}&from-month=${m}&from-year=${y}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/\d+ entries match/);
    const none = await auditor.get(`${paths.audit}?to-day=1&to-month=1&to-year=2020`);
    expect(none.body).toContain('No entries match');
  });

  it('refuses a date that is not real, or a range the wrong way round, naming the field', async () => {
    const unreal = await auditor.get(`${paths.audit}?from-day=31&from-month=2&from-year=2026`);
    expect(unreal.statusCode).toBe(400);
    expect(unreal.body).toContain('href="#from-day"');
    expect(unreal.body).toContain('From date must be a real date');
    const reversed = await auditor.get(`${paths.audit}?from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('href="#to-day"');
    expect(reversed.body).toContain('To date must be the same as or after the from date');
    const half = await auditor.get(`${paths.audit}?to-day=1&to-year=2026`);
    expect(half.body).toContain('To date must include a month');
    // The child filter survives the other filters' errors; a child filter that is not a record reference is refused.
    const keeps = await auditor.get(`${paths.audit}?child=${ids.ella}&from-day=31&from-month=2&from-year=2026`);
    expect(keeps.statusCode).toBe(400);
    expect(keeps.body).toContain(`name="child" value="${ids.ella}"`);
    const badChild = await auditor.get(`${paths.audit}?child=nonsense`);
    expect(badChild.statusCode).toBe(400);
    expect(badChild.body).toContain('href="#child"');
    const stranger = await auditor.get(`${paths.audit}?person=1b4e28ba-2fa1-4d2b-883f-0016d3cca427`);
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('Choose a person from the list');
    const api400 = await auditor.get('/api/audit-events?from=2026-03-02&to=2026-03-01');
    expect(api400.statusCode).toBe(400);
    expect((api400.json() as { errors?: { field: string; rule: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'to', rule: 'date_order' }),
    ]);
  });

  it('pages with totals', async () => {
    // The practitioner's entries, which no read adds to.
    const first = await api(`person=${practitioner.user.id}&pageSize=2`);
    expect(first.total).toBeGreaterThan(2);
    expect(first.events).toHaveLength(2);
    const second = await api(`person=${practitioner.user.id}&pageSize=2&page=2`);
    expect(second.total).toBe(first.total);
    expect(second.events[0]?.seq).toBeLessThan(first.events[1]?.seq ?? 0);
    const page = await auditor.get(`${paths.audit}?person=${practitioner.user.id}`);
    expect(page.body).toContain(`Showing 1 to ${first.total} of ${first.total}, newest first`);
  });
});

describe('the CSV download', () => {
  it('holds the filtered entries in plain words with their codes and ids, and is itself audited', async () => {
    const r = await auditor.get(`${paths.auditExport}?child=${ids.ella}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    const rows = parse(r.body, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(2);
    const view = rows.find((row) => row['Action code'] === 'child.viewed');
    expect(view).toMatchObject({ What: 'Opened a child’s record', Child: 'Ella Watson', Reason: 'Safeguarding concern' });
    expect(view?.Who).toContain('Olly Outsider');
    expect(view?.['Child ids']).toBe(ids.ella);
    expect(view?.['Person id']).toBe(outsider.user.id);

    const [entry] = await t.testDb.db.query<{ details: { filters: Record<string, string>; total: number; childIds: string[] } }>(
      `SELECT details FROM audit_event WHERE actor_user_id = $1 AND action = 'audit.exported' ORDER BY seq DESC LIMIT 1`,
      [auditor.user.id],
    );
    expect(entry?.details).toMatchObject({ filters: { childId: ids.ella }, total: rows.length, childIds: [ids.ella] });
    const trail = await auditor.get(`${paths.audit}?action=audit.exported`);
    expect(trail.body).toContain('Downloaded the audit trail');
  });

  it('defuses a cell a spreadsheet would run as a formula', async () => {
    const r = await auditor.get(`${paths.auditExport}?person=${outsider.user.id}&action=child.viewed`);
    const rows = parse(r.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.Reason)).toContain(`'=HYPERLINK("http://example.com","x")`);
    expect(rows.find((row) => row.Reason?.includes('HYPERLINK'))?.Child).toBe('a shielded record');
  });

  it('refuses bad filters on the page, naming the field', async () => {
    const r = await auditor.get(`${paths.auditExport}?from-day=40&from-month=1&from-year=2026`);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('href="#from-day"');
  });
});

describe('deny by default', () => {
  it('refuses everyone but the auditor', async () => {
    for (const url of [paths.audit, paths.auditExport, '/api/audit-events']) expect((await practitioner.get(url)).statusCode).toBe(403);
  });
});
