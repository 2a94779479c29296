import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { governancePaths as gp } from '../../src/governance/index.js';
import type { AnnualReport } from '../../src/governance/report/types.js';
import { financialYearOf } from '../../src/governance/report/types.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signInAsDemoUser } from '../helpers/demo.js';
import { readPdf } from '../helpers/pdf.js';

/**
 * Issue 16 item 9: the annual report of partnership activity on the demo area (a board, a year of meetings,
 * two years of self-assessment, a section 11 round): real figures on the page, the same figures in the PDF
 * (read back as text) and the CSV, the JSON, a bad year refused naming `year`, the LSCB's own detail kept
 * out, and each read audited.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 300_000);
afterAll(async () => t?.close());

const demoAgent = (email: string): Promise<Agent> => signInAsDemoUser(t.app, email);

const thisYear = financialYearOf(new Date().toISOString().slice(0, 10));
const lastYear = thisYear - 1;

const unescape = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Every cell of the page's tables, as the reader sees it. */
const cellsOf = (html: string): string[] => [...html.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => unescape(m[1] ?? '')).filter((c) => c !== '');
const bare = (s: string): string => s.replace(/\s+/g, '');

async function reportOf(agent: Agent, year: number): Promise<AnnualReport> {
  const r = await agent.get(`${gp.apiAnnualReport}?year=${year}`);
  expect(r.statusCode).toBe(200);
  return JSON.parse(r.body) as AnnualReport;
}

describe('the annual report of partnership activity', () => {
  it('shows the demo’s real figures for the two years its story covers', async () => {
    const planner0 = await demoAgent('planner@kestrelshire.example');
    const [before, now] = [await reportOf(planner0, lastYear), await reportOf(planner0, thisYear)];
    // Four board meetings over the year before today, split between the two financial years.
    const boardMeetings = (r: AnnualReport) => r.meetings.find((m) => m.kind === 'Children’s trust board')?.held ?? 0;
    expect(boardMeetings(before) + boardMeetings(now)).toBe(4);
    expect(now.board?.name).toBeTruthy();
    expect(now.membership.total).toBeGreaterThan(5);
    expect(now.membership.shape.reduce((n, s) => n + s.members, 0)).toBe(now.membership.total);
    expect(now.membership.members.length).toBe(now.membership.total);
    // Attendance by partner adds up, and someone was represented.
    for (const a of [...before.attendance, ...now.attendance]) expect(a.present + a.deputy + a.apologies + a.absent).toBe(a.expected);
    expect([...before.attendance, ...now.attendance].some((a) => a.present > 0)).toBe(true);
    const decisions = [...before.decisions, ...now.decisions];
    expect(decisions.length).toBeGreaterThan(0);
    // Four withdrawals for a declared interest: the board's meeting story, the parenting support commission's decision,
    // and the CAMHS pool's two agreement decisions (its scope takes in family support, which the member's organisation provides).
    expect(decisions.filter((d) => d.membersWithdrew > 0)).toHaveLength(4);
    // The self-assessments of both years, agreed; this year's beside last year's with changes in words.
    expect(before.selfAssessment?.year).toBe(lastYear);
    expect(now.selfAssessment?.previousYear).toBe(lastYear);
    expect(now.selfAssessment?.questions.some((q) => q.change.startsWith('Improved from'))).toBe(true);
    // The section 11 round for last year: every agency, one not submitted, rating counts from the submitted ones.
    const [round] = before.section11;
    if (!round) throw new Error('no section 11 round in the report');
    expect(round.agencies).toBeGreaterThan(3);
    expect(round.notSubmitted).toBeGreaterThanOrEqual(1);
    expect(round.submitted + round.notSubmitted).toBe(round.agencies);
    expect(round.met + round.partlyMet + round.notMet).toBeGreaterThan(0);
    expect(round.byAgency.map((a) => a.agency)).toContain('Kestrelshire Youth Offending Team');
  });

  it('prints the page’s figures in the PDF and writes them in the CSV', async () => {
    const member = await demoAgent('board.member@kestrelshire.example');
    for (const year of [lastYear, thisYear]) {
      const page = await member.get(gp.annualReportFor(year));
      expect(page.statusCode).toBe(200);
      const cells = cellsOf(page.body);
      expect(cells.length).toBeGreaterThan(40);
      const pdf = await member.get(gp.annualReportPdfFor(year));
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const read = readPdf(pdf.rawPayload);
      expect(read.header).toMatch(/^%PDF-1\.7/);
      expect(read.title).toBe(`Annual report of partnership activity ${year} to ${year + 1}`);
      // A cell's words wrap in its column (and a long word breaks), so the comparison ignores where lines break.
      const text = bare(read.text);
      const missing = cells.filter((c) => !text.includes(bare(c)));
      expect(missing).toEqual([]);
      const csv = await member.get(gp.annualReportCsvFor(year));
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const csvText = csv.body.replace(/""/g, '"');
      expect(cells.filter((c) => !csvText.includes(c))).toEqual([]);
    }
  });

  it('refuses a year that is not one, naming the field, on the page, the downloads and the API', async () => {
    const member = await demoAgent('board.member@kestrelshire.example');
    for (const bad of ['twenty', '1999', String(thisYear + 1)]) {
      const page = await member.get(gp.annualReportFor(bad));
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('There is a problem');
      expect(page.body).toContain('href="#year"');
      expect((await member.get(gp.annualReportPdfFor(bad))).statusCode).toBe(400);
      expect((await member.get(gp.annualReportCsvFor(bad))).statusCode).toBe(400);
      const api = await member.get(`${gp.apiAnnualReport}?year=${bad}`);
      expect(api.statusCode).toBe(400);
      expect(api.body).toContain('"field":"year"');
    }
    // Blank is the last year that has ended.
    expect((JSON.parse((await member.get(gp.apiAnnualReport)).body) as AnnualReport).year).toBe(lastYear);
  });

  it('publishes no LSCB-only detail: no evidence, improvement actions, challenges or who withdrew', async () => {
    const member = await demoAgent('board.member@kestrelshire.example');
    const body = (await member.get(gp.annualReportFor(lastYear))).body + (await member.get(gp.annualReportFor(thisYear))).body;
    expect(body).not.toContain('show the training figures');
    expect(body).not.toContain('Extend the arrangement across every team');
    expect(body).not.toContain('in place in part of the agency');
    expect(body).not.toContain('Trustee');
  });

  it('audits each read with the year and the format', async () => {
    const planner = await demoAgent('planner@kestrelshire.example');
    await planner.get(gp.annualReportCsvFor(lastYear));
    const rows = await t.testDb.db.query<{ details: { year: number; format: string } }>(
      `SELECT details FROM audit_event WHERE action = 'governance.annual_report_read' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]?.details).toMatchObject({ year: lastYear, format: 'csv' });
  });
});
