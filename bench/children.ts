// Child index benchmark (`npm run bench -- children`): bulk import, then search latency.
//   1. Writes a synthetic CSV (deterministic seed) of BENCH_CHILDREN children (default 1,000,000 on
//      PostgreSQL, 100,000 on embedded PGlite) and imports it with `ctp import children` in its own
//      process, sampling that process's peak resident memory. On PostgreSQL the searched area's file is first
//      COPYed as it is into one plain table on the same server: the import's floor, measured in the same run.
//   2. Runs BENCH_QUERIES (default 1,000) varied searches after 100 warm-up ones, of three kinds:
//      surname with a typo plus date of birth; surname (with a typo) and forename, no date; NHS number.
//      Each is timed at the SQL layer (the repository in a transaction) and through the HTTP API
//      (signed in with two factors, audited), and the found-rate of the intended child is reported.
// On PostgreSQL, DATABASE_URL names a server database used only to create (and drop) a fresh one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadDemo } from '../src/demo/load.js';
import { DEMO_AREA } from '../src/demo/area.js';
import * as repo from '../src/children/search/repository.js';
import { nameQueryOf, nameWords } from '../src/children/search/service.js';
import { givenNameVariants } from '../src/children/search/nicknames.js';
import { createRandom } from '../src/demo/synthetic/children.js';
import { loadConfig } from '../src/platform/config.js';
import type { Db } from '../src/platform/db.js';
import type { Viewer } from '../src/children/types.js';
import { openMigratedDb } from '../src/server.js';
import { buildServices } from '../src/services.js';
import { demoViewer, signInDemoUser } from './sign-in.js';
import {
  benchAreas,
  benchDatabase,
  createBenchAreas,
  finishedAreas,
  loadAreas,
  loadAverage,
  printSizes,
  type Imported,
} from './children-load.js';
import { exactAndNicknameQueries, reportFound, sharingOf, type FoundQuery } from './children-found.js';

const AREA = DEMO_AREA.code;
const WARM_UP = 100;

interface Sample {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string | null;
}

type Kind = 'typo+dob' | 'fuzzy names' | 'nhs number';
interface Query {
  kind: Kind;
  targetId: string;
  params: Record<string, string>;
  /** For a name query: the intended child's names, to count who shares them. */
  intended?: { familyName: string; givenName: string };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

function typo(name: string, random: () => number): string {
  const letters = [...name];
  if (letters.length < 4) return `${name}e`;
  const i = 1 + Math.floor(random() * (letters.length - 2));
  if (random() < 0.5) [letters[i], letters[i + 1]] = [letters[i + 1] ?? '', letters[i] ?? ''];
  else letters.splice(i, 1);
  return letters.join('');
}

function buildQueries(samples: Sample[]): Query[] {
  const random = createRandom(7);
  return samples.flatMap((s, i): Query[] => {
    const kind: Kind = (['typo+dob', 'fuzzy names', 'nhs number'] as const)[i % 3] ?? 'typo+dob';
    if (kind === 'nhs number' && s.nhs_number) return [{ kind, targetId: s.id, params: { nhsNumber: s.nhs_number } }];
    if (kind === 'fuzzy names') {
      const given = givenNameVariants(s.given_name).find((v) => v !== nameWords(s.given_name)) ?? s.given_name;
      return [
        {
          kind,
          targetId: s.id,
          params: { familyName: typo(s.family_name, random), givenName: given },
          intended: { familyName: s.family_name, givenName: s.given_name },
        },
      ];
    }
    return [{ kind: 'typo+dob', targetId: s.id, params: { familyName: typo(s.family_name, random), dateOfBirth: s.date_of_birth } }];
  });
}

/** The bench's viewer is a practitioner in the local authority: no sector age limit applies. */
const NO_AGE_LIMIT = { today: '2024-01-01', years: null };
const FIRST_PAGE = { offset: 0, limit: 20 };

async function rawSearch(db: Db, viewer: Viewer, q: Query) {
  return db.transaction(async (tx) => {
    if (q.params.nhsNumber)
      return repo.findChildrenByIdentifier(tx, AREA, viewer, { nhsNumber: q.params.nhsNumber, upn: null }, NO_AGE_LIMIT, FIRST_PAGE);
    return repo.findChildrenByName(
      tx,
      AREA,
      viewer,
      nameQueryOf(
        {
          familyName: q.params.familyName ?? '',
          givenName: q.params.givenName ?? '',
          dateFrom: q.params.dateOfBirth ?? null,
          dateTo: q.params.dateOfBirth ?? null,
          postcode: null,
          postcodeDistrict: null,
        },
        FIRST_PAGE,
        NO_AGE_LIMIT,
      ),
    );
  });
}

export async function runChildrenBench(): Promise<void> {
  const engine = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
  const count = Number(process.env.BENCH_CHILDREN ?? (engine === 'postgresql' ? 1_000_000 : 100_000));
  const queryCount = Number(process.env.BENCH_QUERIES ?? 1000);
  const perArea = Number(process.env.BENCH_AREA_CHILDREN ?? 1_000_000);
  const atOnce = Number(process.env.BENCH_IMPORTS_AT_ONCE ?? 1);
  // BENCH_REUSE=1: search a database an earlier run kept (BENCH_KEEP=1); BENCH_RESUME=1: finish its loading first.
  const resume = process.env.BENCH_RESUME === '1';
  const reuse = resume || process.env.BENCH_REUSE === '1';
  const keep = reuse || process.env.BENCH_KEEP === '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-children-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data'), DEMO: 'false', LOG_LEVEL: 'silent' };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const database = await benchDatabase(process.env.DATABASE_URL, reuse);
    env.DATABASE_URL = database.url;
    if (!keep) dropDatabase = database.drop;
  }
  const config = loadConfig({ ...env, PORT: '0' });
  const areas = benchAreas(count, perArea);
  try {
    console.log(
      `Child index benchmark: ${count.toLocaleString('en-GB')} children in ${areas.length} area(s) of at most ${perArea.toLocaleString('en-GB')} on ${engine}, ` +
        `${os.cpus().length} cores, node ${process.version}, load ${loadAverage()}`,
    );
    let imported: Imported = { seconds: 0, peakMb: 0 };
    if (!reuse || resume) {
      const setup = await openMigratedDb(config);
      if (!reuse) await loadDemo(setup, config, { children: false });
      await createBenchAreas(setup, areas);
      const finished = await finishedAreas(setup);
      // Closed before the importers start: the embedded engine's folder is one process's at a time.
      await setup.close();
      imported = await loadAreas(finished, dir, areas, env, atOnce);
      console.log(
        `  import: ${imported.seconds.toFixed(1)} s wall in all (${Math.round(count / imported.seconds).toLocaleString('en-GB')} rows/s), importer peak RSS ${imported.peakMb.toFixed(0)} MB`,
      );
    } else console.log(`  reusing the database: no import`);

    const db = await openMigratedDb(config);
    const viewer = await demoViewer(db);
    await db.query('SELECT setseed(0.42)');
    const samples = await db.query<Sample>(
      'SELECT id, given_name, family_name, date_of_birth, nhs_number FROM child WHERE area_code = $1 AND merged_into_id IS NULL ORDER BY random() LIMIT $2',
      [AREA, queryCount + WARM_UP],
    );
    const queries = buildQueries(samples);
    const timings = new Map<string, number[]>();
    const hits = new Map<string, number>();
    const time = (key: string, ms: number, hit: boolean) => {
      const list = timings.get(key) ?? [];
      list.push(ms);
      timings.set(key, list);
      if (hit) hits.set(key, (hits.get(key) ?? 0) + 1);
    };
    for (const [i, q] of queries.entries()) {
      const started = performance.now();
      const outcome = await rawSearch(db, viewer, q);
      if (i >= WARM_UP)
        time(
          `sql ${q.kind}`,
          performance.now() - started,
          outcome.results.some((r) => r.id === q.targetId),
        );
    }

    // Found rates by how many share the name (issue 19 item 5): exact and nickname queries of the same children, and the fuzzy ones above.
    const found: { query: FoundQuery; outcome: Awaited<ReturnType<typeof rawSearch>> }[] = [];
    for (const [i, q] of queries.entries()) {
      if (i < WARM_UP || !q.intended) continue;
      const sharing = await sharingOf(db, AREA, q.intended.familyName, q.intended.givenName, q.params.givenName ?? '');
      const query = { kind: 'typo+nickname', targetId: q.targetId, ...q.intended, ...sharing };
      found.push({ query, outcome: await rawSearch(db, viewer, q) });
    }
    for (const query of await exactAndNicknameQueries(db, AREA, Math.ceil(queryCount / 2))) {
      const q: Query = {
        kind: 'fuzzy names',
        targetId: query.targetId,
        params: { familyName: query.familyName, givenName: query.givenName },
      };
      const started = performance.now();
      const outcome = await rawSearch(db, viewer, q);
      timings.set(`sql ${query.kind}`, [...(timings.get(`sql ${query.kind}`) ?? []), performance.now() - started]);
      found.push({ query, outcome });
    }

    const app = await buildApp({ config, services: buildServices(db, config) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookie = await signInDemoUser(base, db, config);
    for (const [i, q] of queries.entries()) {
      const params = new URLSearchParams({ ...q.params, reason: 'Benchmark: finding a child' });
      const started = performance.now();
      const response = await fetch(`${base}/api/children?${params}`, { headers: { cookie } });
      const body = (await response.json()) as { results?: { id: string }[] };
      if (response.status !== 200) throw new Error(`API search failed: ${response.status} ${JSON.stringify(body)}`);
      if (i >= WARM_UP)
        time(
          `api ${q.kind}`,
          performance.now() - started,
          (body.results ?? []).some((r) => r.id === q.targetId),
        );
    }
    await app.close();
    const sizes = engine === 'postgresql' ? await printSizes(db) : {};
    await db.close();

    const targets: Record<Kind, number> = { 'typo+dob': 25, 'fuzzy names': 100, 'nhs number': 5 };
    console.log('\n  search                 n   p50 ms  p95 ms  target  found   API p95  API/SQL');
    const result: Record<string, unknown> = {
      bench: 'children',
      engine,
      cores: os.cpus().length,
      count,
      importSeconds: imported.seconds,
      importPeakMb: imported.peakMb,
      ...(imported.copyFloorSeconds !== undefined ? { importCopyFloorSeconds: imported.copyFloorSeconds } : {}),
      areas: areas.length,
      ...sizes,
    };
    for (const kind of Object.keys(targets) as Kind[]) {
      const sql = timings.get(`sql ${kind}`) ?? [];
      const api = timings.get(`api ${kind}`) ?? [];
      const p95 = percentile(sql, 95);
      const apiP95 = percentile(api, 95);
      const found = (hits.get(`sql ${kind}`) ?? 0) / Math.max(1, sql.length);
      console.log(
        `  ${kind.padEnd(18)} ${String(sql.length).padStart(5)} ${percentile(sql, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(7)} ${`≤${targets[kind]}`.padStart(7)} ${(found * 100).toFixed(0).padStart(5)}% ${apiP95.toFixed(1).padStart(9)} ${(apiP95 / Math.max(p95, 0.001)).toFixed(2).padStart(7)}x`,
      );
      result[kind] = { n: sql.length, p50: percentile(sql, 50), p95, target: targets[kind], found, apiP50: percentile(api, 50), apiP95 };
    }
    for (const kind of ['exact name', 'nickname']) {
      const sql = timings.get(`sql ${kind}`) ?? [];
      console.log(
        `  ${kind.padEnd(18)} ${String(sql.length).padStart(5)} ${percentile(sql, 50).toFixed(1).padStart(8)} ${percentile(sql, 95).toFixed(1).padStart(7)}`,
      );
    }
    result.found = reportFound(found);
    console.log(`  load average ${loadAverage()}`);
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  } finally {
    await dropDatabase?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
