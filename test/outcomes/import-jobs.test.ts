import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { findImportJob, insertImportJob } from '../../src/outcomes/import-job-sql.js';
import { importJobRunner } from '../../src/outcomes/import-runner.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 15 item 4: an import is a background job, read and written in short transactions and
 * published in one tiny one, so other requests are answered while it runs and a half-done import
 * is never visible (ADR 0018).
 */

let t: TestApp;
let area: string;
let planner: Agent;
let practitioner: Agent;
let areas: string[];

const GROUPS = ['', 'fsm', 'looked-after', 'sen', 'female'];
const PERIODS = ['2000-01', '2001-02', '2002-03', '2003-04', '2004-05', '2005-06', '2006-07', '2007-08', '2008-09', '2009-10'];

/** NI 75 for every reference area, ten academic years and five groups: several batches of values. */
function bigFile(value: (i: number) => string): string {
  const lines = ['indicator,area,group,period,value'];
  let i = 0;
  for (const a of areas) for (const p of PERIODS) for (const g of GROUPS) lines.push(`NI 75,${a},${g},${p},${value(i++)}`);
  return `${lines.join('\n')}\n`;
}

const boundary = '----ctp-import-jobs';
const multipart = (fields: Record<string, string>, fileName: string, content: string) =>
  Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('') +
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;

const uploadPage = (agent: Agent, fileName: string, content: string) =>
  agent.request({
    method: 'POST',
    url: paths.outcomesImport,
    payload: multipart({ _csrf: agent.csrf }, fileName, content),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });

const count = async (sql: string, params: unknown[] = []) => (await t.testDb.db.query<{ n: number }>(sql, params))[0]?.n ?? -1;
const visibleNi75 = () =>
  count(`SELECT count(*)::int AS n FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'NI 75'`);
const runner = () => t.services.outcomes.imports.runner;

/** A gate a job's hook waits at, and a promise that says the job has reached it. */
function gate() {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { open, opened, arrived, reached };
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
  areas = (await t.testDb.db.query<{ code: string }>(`SELECT code FROM reference_area ORDER BY code`)).map((r) => r.code);
}, 60_000);
afterAll(async () => t?.close());

describe('an import as a background job', () => {
  it('answers another user’s indicator page while the job is writing and applying, and shows none of it until it is published', async () => {
    const paused = gate();
    runner().hooks.afterBatch = async (job) => {
      if (job.phase !== 'reading' || job.batch !== 1) return;
      paused.reached();
      await paused.opened;
    };
    await planner.get(paths.outcomesImport);
    const posted = await uploadPage(
      planner,
      'ni75-all-areas.csv',
      bigFile((i) => (40 + (i % 20)).toFixed(1)),
    );
    expect(posted.statusCode).toBe(303);
    const jobUrl = String(posted.headers.location);
    await paused.arrived;
    // The job holds no transaction while paused between batches: the page is answered now.
    const page = await practitioner.get(paths.outcomesIndicator('NI 75'));
    expect(page.statusCode).toBe(200);
    const progress = await planner.get(jobUrl);
    expect(progress.body).toContain('Reading and checking the file');
    expect(progress.body).toContain('Check progress');
    // Half written and applied (ADR 0031: each batch is applied as it is written), nothing visible: the values written so far wait for the one tiny publishing transaction.
    expect(
      await count(`SELECT count(*)::int AS n FROM indicator_value v JOIN import_job j ON j.import_id = v.import_id WHERE j.id = $1`, [
        jobUrl.split('/').pop(),
      ]),
    ).toBeGreaterThan(0);
    expect(await visibleNi75()).toBe(0);
    paused.open();
    await runner().idle();
    runner().hooks.afterBatch = undefined;
    const done = await planner.get(jobUrl);
    expect(done.body).toContain('Indicator values imported');
    expect(await visibleNi75()).toBe(areas.length * PERIODS.length * GROUPS.length);
    // The audit entry names the uploaded file.
    const [audit] = await t.testDb.db.query<{ details: { file: string } }>(
      `SELECT details FROM audit_event WHERE action = 'indicators.imported' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.details.file).toBe('ni75-all-areas.csv');
    // The import page lists the planner's recent imports, each linking to its job.
    expect((await planner.get(paths.outcomesImport)).body).toContain(`href="${jobUrl}"`);
  }, 120_000);

  it('leaves nothing visible when the job fails half-way through writing and applying, and keeps the values held before', async () => {
    const before = await t.testDb.db.query<{ value: number }>(
      `SELECT v.value::float8 AS value FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
        WHERE i.code = 'NI 75' ORDER BY v.area_code, v.period_label, v.group_code`,
    );
    const imports = await count('SELECT count(*)::int AS n FROM indicator_import');
    runner().hooks.afterBatch = async (job) => {
      if (job.phase === 'reading' && job.batch === 1) throw new Error('a fault injected half-way through writing and applying');
    };
    await planner.get(paths.outcomesImport);
    const posted = await uploadPage(
      planner,
      'ni75-revised.csv',
      bigFile((i) => (60 + (i % 7)).toFixed(1)),
    );
    await runner().idle();
    runner().hooks.afterBatch = undefined;
    const page = await planner.get(String(posted.headers.location));
    expect(page.body).toContain('Failed: nothing was imported');
    const after = await t.testDb.db.query<{ value: number }>(
      `SELECT v.value::float8 AS value FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
        WHERE i.code = 'NI 75' ORDER BY v.area_code, v.period_label, v.group_code`,
    );
    expect(after).toEqual(before);
    // And nothing left behind: no unapplied values, changes, import record or staged values.
    expect(await count('SELECT count(*)::int AS n FROM indicator_import')).toBe(imports);
    expect(await count('SELECT count(*)::int AS n FROM indicator_import WHERE applied_seq IS NULL')).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM indicator_value v WHERE NOT EXISTS (SELECT 1 FROM indicator_value_current c WHERE c.indicator_id = v.indicator_id AND c.area_code = v.area_code AND c.group_code = v.group_code AND c.period_label = v.period_label AND c.import_id IS NOT DISTINCT FROM v.import_id)`,
      ),
    ).toBe(0);
  }, 120_000);

  it('fails a job a stopped process left half-way, when the service starts again, and removes what it wrote', async () => {
    const db = t.testDb.db;
    const before = await visibleNi75();
    const stuck = gate();
    // The process "stops" here: the job waits for ever, half applied, as if the machine went down.
    const abandoned = importIndicatorValues(db, {
      csvText: bigFile((i) => (70 + (i % 3)).toFixed(1)),
      fileName: 'interrupted.csv',
      hooks: {
        afterBatch: async (job) => {
          if (job.phase !== 'reading' || job.batch !== 1) return;
          stuck.reached();
          await new Promise(() => undefined);
        },
      },
    });
    void abandoned;
    await stuck.arrived;
    const [job] = await db.query<{ id: string; state: string }>(`SELECT id, state FROM import_job WHERE file_name = 'interrupted.csv'`);
    expect(job?.state).toBe('reading');
    await db.query(`UPDATE import_job SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [job?.id]);
    // The restart: a new runner's first round.
    const restarted = importJobRunner({ db, pollMs: 60_000 });
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    const [after] = await db.query<{ state: string; failure: string; cleaned: boolean }>(
      `SELECT state, failure, cleaned_at IS NOT NULL AS cleaned FROM import_job WHERE id = $1`,
      [job?.id],
    );
    expect(after).toMatchObject({ state: 'failed', cleaned: true });
    expect(after?.failure).toMatch(/service stopped while the import ran/);
    expect(await visibleNi75()).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM indicator_import WHERE applied_seq IS NULL')).toBe(0);
    // Audited as any failed job is (endUnapplied): the file and the failure.
    const failures = () =>
      db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_event
          WHERE action = 'indicators.imported' AND outcome = 'failure' AND details->>'file' = 'interrupted.csv'`,
      );
    const audited = await failures();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toMatchObject({ file: 'interrupted.csv', failed: true, interrupted: true });
    // A job ends once: a second start finds nothing to fail, and writes no second entry.
    const again = importJobRunner({ db, pollMs: 60_000 });
    again.start();
    await again.idle();
    await again.stop();
    expect(await failures()).toHaveLength(1);
  }, 120_000);

  it('fails and audits a queued job whose uploaded file was lost before it was read', async () => {
    const db = t.testDb.db;
    const job = await insertImportJob(
      db,
      {
        state: 'queued',
        fileName: 'lost.csv',
        spoolPath: '/nonexistent/ctp-spool/lost.csv',
        totalBytes: 10,
        options: {},
        actor: { userId: null, label: 'a planner', role: 'planner', areaCode: area },
        areaCode: area,
        context: { ip: '127.0.0.1', userAgent: 'test', requestId: 'lost-file' },
        runner: null,
      },
      new Date(),
    );
    runner().wake();
    await runner().idle();
    expect(await findImportJob(db, job.id)).toMatchObject({ state: 'failed', failure: expect.stringMatching(/lost/) });
    const [audited] = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'indicators.imported' AND outcome = 'failure' AND details->>'file' = 'lost.csv'`,
    );
    expect(audited?.details).toMatchObject({ failed: true, fileLost: true });
  });

  it('names a value given again in a later batch, and one given twice within a batch, each with the line it repeats', async () => {
    const file = bigFile((i) => String(i % 100));
    const lines = file.trimEnd().split('\n');
    const last = lines.length + 1; // the line number of the copy of line 2 (the header is line 1)
    const csvText = `${[...lines, lines[1], lines[lines.length - 1]].join('\n')}\n`;
    const before = await visibleNi75();
    const report = await importIndicatorValues(t.testDb.db, { csvText });
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => [f.line, f.kind, f.reason])).toEqual([
      [last, 'repeated_value', 'This value (same indicator, area, group and period) was already given on line 2'],
      [last + 1, 'repeated_value', `This value (same indicator, area, group and period) was already given on line ${lines.length}`],
    ]);
    expect(await visibleNi75()).toBe(before);
  });

  it('keeps the report bounded for a file of thousands of faults: the first 1,000 of each kind, with every count', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `NI 75,NOWHERE${i},2008-09,x${i}`);
    const report = await importIndicatorValues(t.testDb.db, { csvText: ['indicator,area,period,value', ...rows].join('\n') });
    expect(report.status).toBe('rejected');
    expect(report.faultSummary.total).toBe(10_000);
    expect(report.faultSummary.kinds.map((k) => [k.kind, k.count, k.shown.length, k.more])).toEqual([
      ['unknown_area', 5_000, 1_000, 4_000],
      ['bad_value', 5_000, 1_000, 4_000],
    ]);
    expect(report.faults).toHaveLength(2_000);
    // What the job keeps is the same bounded report, never every fault.
    const [stored] = await t.testDb.db.query<{ faults: number; total: number }>(
      `SELECT (SELECT sum(jsonb_array_length(k->'shown'))::int FROM jsonb_array_elements(report->'faultSummary'->'kinds') k) AS faults,
              (report->'faultSummary'->>'total')::int AS total
         FROM import_job WHERE report IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
    );
    expect(stored).toEqual({ faults: 2_000, total: 10_000 });
  });
});

describe('the import API', () => {
  const csv = (value: string) => `indicator,area,period,value\nNI 75,E10000008,2009-10,${value}\n`;

  it('takes a text/csv body and a multipart file, answers 202 with the job, and GET follows it to the report', async () => {
    const posted = await planner.request({
      method: 'POST',
      url: '/api/outcomes/imports?fileName=devon.csv',
      payload: csv('51.5'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(posted.statusCode).toBe(202);
    const job = posted.json() as { url: string; state: string; file: string };
    expect(job).toMatchObject({ state: 'queued', file: 'devon.csv' });
    await runner().idle();
    const followed = (await planner.get(job.url)).json() as { state: string; report: { values: number; created: number } };
    expect(followed).toMatchObject({ state: 'done', report: { values: 1 } });

    const form = await planner.request({
      method: 'POST',
      url: '/api/outcomes/imports',
      payload: multipart({ importGoodRows: 'true' }, 'devon-revised.csv', `${csv('52.5')}NI 75,NOWHERE,2009-10,1\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(form.statusCode).toBe(202);
    await runner().idle();
    const revised = (await planner.get((form.json() as { url: string }).url)).json() as {
      state: string;
      file: string;
      report: { replaced: number; faultsTotal: number };
    };
    expect(revised).toMatchObject({ state: 'done', file: 'devon-revised.csv', report: { replaced: 1, faultsTotal: 1 } });
    expect(
      (
        await practitioner.request({
          method: 'POST',
          url: '/api/outcomes/imports',
          payload: csv('1'),
          headers: { 'content-type': 'text/csv' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await planner.get('/api/outcomes/imports/not-a-job')).statusCode).toBe(404);
  });

  it('takes a 50 MB upload through the page, written to disk as it arrives', async () => {
    // A header no layout has: the file is refused at its first line, whatever its size.
    const filler = 'x,'.repeat(50) + '\n';
    const content = `colour,size\n${filler.repeat(Math.ceil((50 * 1024 * 1024) / filler.length))}`;
    await planner.get(paths.outcomesImport);
    const posted = await uploadPage(planner, 'big.csv', content);
    expect(posted.statusCode).toBe(303);
    await runner().idle();
    const [job] = await t.testDb.db.query<{ total_bytes: number; state: string }>(
      `SELECT total_bytes, state FROM import_job WHERE file_name = 'big.csv'`,
    );
    expect(job?.state).toBe('refused');
    expect(job?.total_bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);
  }, 120_000);
});
