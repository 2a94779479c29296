import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 5 "done means", tried as a new user would: a planner imports a published table with
 * missing cells through the page, opens the indicator and sees the trend against England and
 * neighbours with missing shown as missing, the change in words and numbers, the rank, and
 * downloads the charts.
 */

const NEIGHBOURS = ['E10000008', 'E10000013', 'E10000027']; // Devon, Gloucestershire, Somerset
const ENGLAND = 'E92000001';

/** Posts the import form with a chosen file, the way a browser does (multipart/form-data). */
function uploadFile(agent: Agent, fileName: string, content: string, token = agent.csrf) {
  const boundary = '----ctp-test-boundary';
  const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
  const payload =
    part('Content-Disposition: form-data; name="_csrf"', token) +
    part(`Content-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv`, content) +
    part('Content-Disposition: form-data; name="csv"', '') +
    `--${boundary}--\r\n`;
  return agent.request({
    method: 'POST',
    url: paths.outcomesImport,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** An upload starts a job and redirects to its page: let the background runner finish, then open the page. */
async function jobPage(agent: Agent, posted: { statusCode: number; headers: Record<string, unknown> }) {
  expect(posted.statusCode).toBe(303);
  const location = String(posted.headers.location);
  expect(location).toMatch(/^\/outcomes\/imports\/[0-9a-f-]{36}$/);
  await t.services.outcomes.imports.runner.idle();
  const page = await agent.get(location);
  expect(page.statusCode).toBe(200);
  return page;
}

let t: TestApp;
let area: string;
let planner: Agent;
let practitioner: Agent;

// NI 117 (NEET, annual, lower is better): a wide table as a department publishes it.
const wideTable = (areaCode: string) =>
  [
    'indicator,area,group,2005,2006,2007,2008',
    `NI 117,${areaCode},,8.0,x,7.1,6.5`,
    `NI 117,${areaCode},looked-after,20.0,..,18.0,19.0`,
    `NI 117,${NEIGHBOURS[0]},,7.0,6.8,6.6,6.0`,
    `NI 117,${NEIGHBOURS[1]},,9.0,8.7,8.0,7.7`,
    `NI 117,${NEIGHBOURS[2]},,6.0,c,5.9,5.5`,
    `NI 117,${ENGLAND},,7.5,7.3,7.0,6.7`,
  ].join('\n');

function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(caption);
  expect(start, `table "${caption}"`).toBeGreaterThan(-1);
  const body = html.slice(html.indexOf('<tbody', start), html.indexOf('</table>', start));
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => (c[1] ?? '').trim()),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
}, 60_000);
afterAll(async () => t?.close());

describe('a planner imports a published table and reads the indicator', () => {
  it('lists every fault of a faulty file and imports nothing', async () => {
    await planner.get(paths.outcomesImport);
    const response = await jobPage(
      planner,
      await planner.post(paths.outcomesImport, {
        csv: 'indicator,area,period,value\nNI 117,E10000008,2006,7.0\nNO SUCH,E10000008,2006,1\nNI 117,E10000008,2006 Q9,abc',
      }),
    );
    expect(response.body).toContain('The file was not imported');
    const faults = tableRows(response.body, 'Faults by line and column');
    expect(faults.length).toBeGreaterThanOrEqual(2);
    expect(faults.map((f) => f[0])).toEqual(expect.arrayContaining(['3', '4']));
  });

  it('answers a file of 50,000 faulty rows with a bounded page: the first faults of each kind and the counts', async () => {
    await planner.get(paths.outcomesImport);
    const rows = Array.from({ length: 50_000 }, (_, i) => `NO SUCH ${i % 7},E10000008,2006,abc${i}`);
    const response = await jobPage(planner, await uploadFile(planner, 'faulty.csv', ['indicator,area,period,value', ...rows].join('\n')));
    // Every fault rendered was 45 MB of HTML; now 20 a kind are shown whatever the size of the file.
    expect(Buffer.byteLength(response.body)).toBeLessThan(200 * 1024);
    expect(response.body).toContain('the file has 100,000 faults');
    const kinds = tableRows(response.body, 'Faults by kind');
    expect(kinds).toEqual([
      ['An indicator not in the catalogue', '50,000', '20 shown, and 49,980 more of this kind'],
      ['A value that cannot be read', '50,000', '20 shown, and 49,980 more of this kind'],
    ]);
    const shown = tableRows(response.body, 'Faults by line and column');
    expect(shown).toHaveLength(40);
    expect(shown[0]?.[0]).toBe('2');
  }, 60_000);

  it('sets the comparators and imports the wide table with missing cells', async () => {
    await planner.get(paths.outcomesComparators);
    const saved = await planner.request({
      method: 'POST',
      url: paths.outcomesComparators,
      payload: [`_csrf=${encodeURIComponent(planner.csrf)}`, ...NEIGHBOURS.map((c) => `comparators=${c}`)].join('&'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(saved.statusCode).toBe(303);

    await planner.get(paths.outcomesImport);
    // Chosen as a file, as a browser sends it (multipart, with a byte-order mark as spreadsheets save it).
    const response = await jobPage(planner, await uploadFile(planner, 'published-table.csv', `\uFEFF${wideTable(area)}`));
    expect(response.body).toContain('Indicator values imported');
    expect(response.body).toContain('published-table.csv');
    // A cross-site upload without the form's token is refused before anything is read.
    expect((await uploadFile(planner, 'forged.csv', wideTable(area), 'not-the-token')).statusCode).toBe(403);
    await planner.get(paths.outcomesImport);
    const empty = await uploadFile(planner, '', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#file"');
    // A badly quoted file is a list of faults, never a server error (issue 15 item 6).
    const quoted = await jobPage(
      planner,
      await uploadFile(planner, 'quoted.csv', 'indicator,area,period,value\nNI 117,"E10000008,2008,5\n'),
    );
    expect(quoted.body).toContain('The file was not imported');
    expect(quoted.body).toContain('never closed');
    expect(response.body).toContain('24 values imported from 6 rows');
  });

  it('shows the trend with missing as missing, the change in words and numbers, and the rank', async () => {
    const response = await planner.get(paths.outcomesIndicator('NI 117'));
    expect(response.statusCode).toBe(200);
    const trend = tableRows(response.body, 'each period, with its 95% confidence interval');
    expect(trend.map((r) => r[0])).toEqual(['2005', '2006', '2007', '2008']);
    expect(trend[1]?.[1]).toBe('no value (suppressed)');
    expect(trend[1]?.[1]).not.toMatch(/^0/);
    expect(trend[3]?.[1]).toBe('6.5%');
    expect(trend[3]?.[3]).toBe('6.7%');
    // 2005 to 2008: 8.0 to 6.5 is down 1.5 points; England 7.5 to 6.7. Lower is better.
    expect(response.body).toContain('Fell from 8.0% in 2005 to 6.5% in 2008, down 1.5 percentage points');
    expect(response.body).toContain('-1.5 percentage points');
    // 2008 ranked, lower is better: Somerset 5.5, Devon 6.0, the area 6.5, Gloucestershire 7.7.
    expect(response.body).toContain('ranked 3 of 4');
  });

  it('states the change over a chosen span', async () => {
    const response = await planner.get(`${paths.outcomesIndicator('NI 117')}?from=2007&to=2008`);
    expect(response.body).toContain('Fell from 7.1% in 2007 to 6.5% in 2008');
    const missing = await planner.get(`${paths.outcomesIndicator('NI 117')}?from=2006&to=2008`);
    expect(missing.body).toContain('No change can be given from 2006 to 2008');
  });

  it('shows the gap for a group and how it moved', async () => {
    const response = await planner.get(`${paths.outcomesIndicator('NI 117')}?group=looked-after`);
    expect(response.body).toContain(
      'From 2005 to 2008 the gap between looked-after children and all children widened; the group is behind all children.',
    );
    const gap = tableRows(response.body, 'Looked-after children and all children in');
    expect(gap.find((r) => r[0] === '2006')?.[3]).toBe('no value');
    expect(gap.find((r) => r[0] === '2008')?.[3]).toBe('+12.5');
  });

  it('downloads each chart as a PNG and its data as the CSV of the table beside it', async () => {
    const png = await planner.get(paths.outcomesIndicatorChart('NI 117', 'trend', 'png'));
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(String(png.headers['content-disposition'])).toMatch(/^attachment; filename=".+\.png"$/);
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const page = await planner.get(paths.outcomesIndicator('NI 117'));
    for (const chart of ['trend', 'ranking']) {
      const csv = await planner.get(paths.outcomesIndicatorChart('NI 117', chart, 'csv'));
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(String(csv.headers['content-disposition'])).toContain('attachment');
      const lines = csv.body.trim().split('\r\n');
      const caption = chart === 'trend' ? 'its comparator areas and England' : 'and its comparator areas ranked';
      const rows = tableRows(page.body, caption);
      expect(lines.length).toBe(rows.length + 1); // the header line, then a line per row
      // The table's cells, but a number column never holds words: empty, with a status column beside it.
      const header = (lines[0] ?? '').split(',');
      const valueColumns = header.flatMap((h, i) => (h.endsWith(' status') ? [] : [i]));
      const asTable = lines.slice(1).map((l) => {
        const cells = l.split(',');
        return valueColumns.map((i) => {
          const status = header[i + 1]?.endsWith(' status') ? cells[i + 1] : null;
          if (status === null || status === 'value') return cells[i];
          return status === 'missing' ? 'no value' : `no value (${status})`;
        });
      });
      expect(asTable).toEqual(rows);
      expect(csv.body).not.toContain('no value');
    }
    const gapCsv = await planner.get(`${paths.outcomesIndicatorChart('NI 117', 'gap', 'csv')}?group=looked-after`);
    expect(gapCsv.body).toContain('2008,19.0,value,6.5,value,+12.5,value');
    expect(gapCsv.body).toContain('2006,,missing,,suppressed,,not available');
  });

  it('sets a target and shows its RAG status', async () => {
    await planner.get(paths.outcomesIndicator('NI 117'));
    const refused = await planner.post(paths.outcomesIndicatorTargets('NI 117'), { period: 'next year', value: 'six' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    const set = await planner.post(paths.outcomesIndicatorTargets('NI 117'), { period: '2008', value: '6.3' });
    expect(set.statusCode).toBe(303);
    const page = await planner.get(paths.outcomesIndicator('NI 117'));
    // 6.5 against 6.3 when lower is better: missed by 0.2, within 5% of the target, so amber.
    expect(page.body).toContain('Amber: close to target');
  });

  it('shows the dashboard and the needs assessment, and stores the narrative and levels of need', async () => {
    const dashboard = await planner.get(paths.outcomesDashboard);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('6.5% (2008)');
    expect(dashboard.body).toContain('Looked-after children behind by 12.5 percentage points (widened)');

    await planner.get(paths.outcomesNeedsOutcome('achieve-economic-wellbeing'));
    const saved = await planner.post(paths.outcomesNeedsOutcome('achieve-economic-wellbeing'), {
      narrative: 'Fewer young people are NEET than in 2005.',
    });
    expect(saved.statusCode).toBe(303);
    const needs = await practitioner.get(paths.outcomesNeedsOutcome('achieve-economic-wellbeing'));
    expect(needs.statusCode).toBe(200);
    expect(needs.body).toContain('Fewer young people are NEET than in 2005.');

    await planner.get(paths.outcomesNeedsLevels);
    const levels = await planner.post(paths.outcomesNeedsLevels, {
      yearLabel: '2008-09',
      'universal-children': '98,000',
      'universal-funding': '£1,250,000',
      'acute-specialist-children': '450',
    });
    expect(levels.statusCode).toBe(303);
    const overview = await planner.get(paths.outcomesNeeds);
    expect(overview.body).toContain('98,000');
    expect(overview.body).toContain('£1,250,000');
    expect(overview.body).toContain('not known');
  });

  it('adds a local indicator', async () => {
    await planner.get(paths.outcomesIndicatorNew);
    const refused = await planner.post(paths.outcomesIndicatorNew, { code: 'bad code' });
    expect(refused.statusCode).toBe(400);
    const added = await planner.request({
      method: 'POST',
      url: paths.outcomesIndicatorNew,
      payload: new URLSearchParams([
        ['_csrf', planner.csrf],
        ['code', 'KES 1'],
        ['title', 'Children attending a children’s centre'],
        ['unit', 'percentage'],
        ['polarity', 'higher is better'],
        ['frequency', 'annual'],
        ['aimCodes', 'enjoy-and-achieve.1'],
      ]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(paths.outcomesIndicator('KES 1'));
    expect((await planner.get(paths.outcomesIndicator('KES 1'))).body).toContain('There are no values for this indicator yet');
  });
});

describe('issue 14: what the board and planner expect of the outcome pages', () => {
  it('shows the dashboard as a compact table: a sparkline with its words, RAG as a tag with its words, comparators linked', async () => {
    const page = await planner.get(paths.outcomesDashboard);
    expect(page.body).toContain('class="govuk-table app-table-compact"');
    // The NI 117 target was set to 6.3 for 2008 above: amber, in a yellow tag that says so.
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--yellow">Amber: close to target</strong>');
    expect(page.body).toMatch(
      /<svg [^>]*class="app-sparkline"[^>]*role="img" aria-label="[^"]+: 8.0% in 2005 to 6.5% in 2008, over 4 periods; 1 period without a value"/,
    );
    expect(page.body).toContain(`href="${paths.outcomesComparators}"`);
    const comparators = await practitioner.get(paths.outcomesComparators);
    expect(comparators.statusCode).toBe(200);
    expect(comparators.body).toContain('Devon');
    expect(comparators.body).not.toContain('Save the comparator areas');
  });

  it('orders a span chosen backwards', async () => {
    const response = await planner.get(`${paths.outcomesIndicator('NI 117')}?from=2008&to=2005`);
    expect(response.body).toContain('Fell from 8.0% in 2005 to 6.5% in 2008');
    expect(response.body).not.toContain('in 2008 to');
  });

  it('names what each column expects on the import page, and offers a template that imports cleanly', async () => {
    const page = await planner.get(paths.outcomesImport);
    const columns = tableRows(page.body, 'What each column expects');
    expect(columns.map((c) => c[0]?.replace(/<\/?code>/g, ''))).toEqual([
      'indicator',
      'area',
      'area_name',
      'group',
      'period',
      'value',
      'numerator',
      'denominator',
    ]);
    expect(page.body).toContain(`href="${paths.outcomesImportTemplate}"`);
    const template = await planner.get(paths.outcomesImportTemplate);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(template.headers['content-disposition'])).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(template.body.split('\r\n')[0]).toBe('indicator,area,area_name,group,period,value,numerator,denominator');
    expect((await practitioner.get(paths.outcomesImportTemplate)).statusCode).toBe(403);
  });

  it('says "1 row", and keeps the headline on the latest complete period when a partial import arrives', async () => {
    await planner.get(paths.outcomesImport);
    const one = await jobPage(
      planner,
      await planner.post(paths.outcomesImport, { csv: `indicator,area,period,value\nNI 117,${ENGLAND},2009,6.4` }),
    );
    expect(one.body).toContain('1 value imported from 1 row: 1 new');
    await planner.get(paths.outcomesImport);
    const two = await jobPage(
      planner,
      await planner.post(paths.outcomesImport, { csv: `indicator,area,period,value\nNI 117,${area},2009,4.0` }),
    );
    expect(two.body).toContain('Indicator values imported');
    const dashboard = await planner.get(paths.outcomesDashboard);
    // 2009 has the area and England only, not the three comparators: 2008 stays the headline, 2009 is flagged.
    expect(dashboard.body).toContain('6.5% (2008)');
    expect(dashboard.body).not.toContain('4.0% (2009)');
    expect(dashboard.body).toMatch(/Partial<\/strong> <span class="govuk-body-s">2009 has values for 2 of 5 areas only/);
  });
});

describe('roles', () => {
  it('lets a practitioner read the outcomes but not import or change them', async () => {
    expect((await practitioner.get(paths.outcomes)).statusCode).toBe(200);
    expect((await practitioner.get(paths.outcomesIndicator('NI 117'))).statusCode).toBe(200);
    expect((await practitioner.get(paths.outcomesImport)).statusCode).toBe(403);
    const refused = await practitioner.post(paths.outcomesImport, { csv: wideTable(area) });
    expect(refused.statusCode).toBe(403);
    expect((await practitioner.post(paths.outcomesIndicatorTargets('NI 117'), { period: '2008', value: '1' })).statusCode).toBe(403);
  });
});
