// Audited reads benchmark (`npm run bench -- audit`, issue 19 §4, ADR 0042): on a PostgreSQL server,
// in one run and alternating, the floor, the audit trail's own cost and our audited API read, each at 20 connections:
//   floor    a bare node http server doing, per request, the child index's NHS-number query, an insert
//            of an audit-shaped row into a copy of audit_event (its columns and indexes, no chain) and a
//            commit, on the application's own database pool;
//   recordAudit  the same bare server writing the real audit entry (recordAudit) instead of the plain insert;
//   audited  GET /api/children?nhsNumber=...&reason=... on the real app, signed in with two factors:
//            the session, the search, the audit entry in its transaction, the commit; the sealer running.
// Every target is warmed first; each round starts one target later. Prints requests/s, p50/p95, the ratios,
// the core count and the load average; then a BENCH_RESULT line.
// DATABASE_URL names a server database used only to create (and drop) a fresh one, audit_bench_<pid>.
// BENCH_SECONDS (default 10) per measurement, BENCH_ROUNDS (default 2) alternations, BENCH_CHILDREN the demo's children.
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import * as searchRepo from '../src/children/search/repository.js';
import type { Viewer } from '../src/children/types.js';
import { loadDemo } from '../src/demo/load.js';
import { DEMO_AREA } from '../src/demo/area.js';
import { recordAudit } from '../src/platform/audit.js';
import { startAuditSealer } from '../src/platform/audit-seal.js';
import { loadConfig } from '../src/platform/config.js';
import type { Db } from '../src/platform/db.js';
import { openMigratedDb } from '../src/server.js';
import { buildServices } from '../src/services.js';
import { loadAverage } from './children-load.js';
import { DEMO_EMAIL, demoViewer, signInDemoUser } from './sign-in.js';

const CONNECTIONS = 20;
const WARM_UP_SECONDS = 2;
const AREA = DEMO_AREA.code;
const NO_AGE_LIMIT = { today: '2024-01-01', years: null };
const FIRST_PAGE = { offset: 0, limit: 20 };

type Target = 'floor' | 'recordAudit' | 'audited API';

interface Measured {
  rps: number;
  p50: number;
  p95: number;
}

async function serverDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('The audit benchmark runs on a PostgreSQL server: set DATABASE_URL');
  const name = `audit_bench_${process.pid}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** One autocannon run; every answer's time is kept, for an exact p95 (autocannon's summary has none). */
function cannon(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve({ result, times }),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** autocannon over `paths` in turn for `seconds` (after a warm-up of as long, when asked); fails on any non-2xx answer. */
async function measure(
  base: string,
  paths: string[],
  headers: Record<string, string>,
  seconds: number,
  warmUp = WARM_UP_SECONDS,
): Promise<Measured> {
  let next = 0;
  const requests = [{ setupRequest: (r: autocannon.Request) => ({ ...r, path: paths[next++ % paths.length] ?? '/' }) }];
  const options = { url: base, connections: CONNECTIONS, headers, requests };
  if (warmUp > 0) await cannon({ ...options, duration: warmUp });
  const { result, times } = await cannon({ ...options, duration: seconds });
  if (result.non2xx !== 0 || result.errors !== 0) {
    throw new Error(`${base}: ${result.non2xx} non-2xx answers and ${result.errors} errors of ${result.requests.total}`);
  }
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * A bare node http server doing the same NHS-number query in a transaction, then either the floor's
 * plain insert or the real `recordAudit`, and the commit: the floor, and the audit trail's own cost
 * apart from the app's (session, policy, validation, the shielded contact's query, HTTP framework).
 */
function bareServer(db: Db, viewer: Viewer, write: 'plain insert' | 'recordAudit'): http.Server {
  const actor = { userId: viewer.userId, label: DEMO_EMAIL, role: viewer.role, areaCode: AREA };
  return http.createServer((req, res) => {
    const nhsNumber = new URL(req.url ?? '/', 'http://bench').searchParams.get('nhsNumber') ?? '';
    db.transaction(async (tx) => {
      const found = await searchRepo.findChildrenByIdentifier(tx, AREA, viewer, { nhsNumber, upn: null }, NO_AGE_LIMIT, FIRST_PAGE);
      const details = { terms: { nhsNumber }, childIds: found.results.map((r) => r.id) };
      if (write === 'recordAudit') {
        const ctx = { ip: '127.0.0.1', userAgent: 'autocannon', requestId: crypto.randomUUID() };
        await recordAudit(tx, actor, ctx, { action: 'child.searched', reason: 'Benchmark', details });
      } else {
        await tx.query(
          `INSERT INTO bench_floor_event (id, chain, area_code, occurred_at, actor_user_id, actor_label, actor_role, action, outcome,
             reason, ip, user_agent, request_id, details, prev_hash, hash, hash_scheme)
           VALUES (gen_random_uuid(), $1, $1, now(), $2, 'bench', 'practitioner', 'child.searched', 'success', 'Benchmark', '127.0.0.1',
             'autocannon', gen_random_uuid()::text, $3, NULL, gen_random_uuid()::text, 'hmac-sha256')`,
          [AREA, viewer.userId, JSON.stringify(details)],
        );
      }
      return found;
    }).then(
      (found) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ total: found.total, results: found.results.map((r) => ({ id: r.id })) }));
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
}

const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};

export async function runAuditBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const children = Number(process.env.BENCH_CHILDREN ?? 500);
  const database = await serverDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: database.url, PORT: '0', DEMO: 'false', LOG_LEVEL: 'silent' });
  try {
    const setup = await openMigratedDb(config);
    await loadDemo(setup, config, { children });
    await setup.close();
    // The floor's table, made as the server's owner (the application's role may not create tables).
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(
      'CREATE TABLE bench_floor_event (LIKE audit_event INCLUDING ALL); GRANT SELECT, INSERT ON bench_floor_event TO ctp_app',
    );
    await owner.end();

    const db = await openMigratedDb(config);
    const viewer = await demoViewer(db);
    const numbers = (
      await db.query<{ nhs_number: string }>(
        'SELECT nhs_number FROM child WHERE nhs_number IS NOT NULL AND area_code = $1 ORDER BY id LIMIT 500',
        [AREA],
      )
    ).map((r) => r.nhs_number);
    if (numbers.length === 0) throw new Error('the demo holds no NHS numbers');

    const floorServer = bareServer(db, viewer, 'plain insert');
    const auditServer = bareServer(db, viewer, 'recordAudit');
    const app = await buildApp({ config, services: buildServices(db, config) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const appBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const sealer = startAuditSealer({ db, onError: (error) => console.error('sealer:', error) });
    const cookie = await signInDemoUser(appBase, db, config);
    const reason = encodeURIComponent('Benchmark: finding a child');
    const targets: { name: Target; base: string; paths: string[]; headers: Record<string, string> }[] = [
      { name: 'floor', base: await listen(floorServer), paths: numbers.map((n) => `/?nhsNumber=${n}`), headers: {} },
      { name: 'recordAudit', base: await listen(auditServer), paths: numbers.map((n) => `/?nhsNumber=${n}`), headers: {} },
      {
        name: 'audited API',
        base: appBase,
        paths: numbers.map((n) => `/api/children?nhsNumber=${n}&reason=${reason}`),
        headers: { cookie },
      },
    ];

    console.log(
      `Audited reads benchmark on PostgreSQL: ${numbers.length} NHS numbers, ${CONNECTIONS} connections, ${rounds} x (${WARM_UP_SECONDS}s warm-up + ${seconds}s) each, ${os.cpus().length} cores, node ${process.version}`,
    );
    const runs = new Map<Target, Measured[]>(targets.map((t) => [t.name, []]));
    // Every target warmed once before the first round (its code compiled, its statements prepared on every
    // connection of the pool), and each round starting one target later: the first target measured was cold
    // and measured first in every round, and a floor measured low made every ratio look better than it was.
    for (const t of targets) await measure(t.base, t.paths, t.headers, WARM_UP_SECONDS, 0);
    for (let round = 1; round <= rounds; round += 1) {
      const first = (round - 1) % targets.length;
      for (const t of [...targets.slice(first), ...targets.slice(0, first)]) {
        const m = await measure(t.base, t.paths, t.headers, seconds);
        runs.get(t.name)?.push(m);
        console.log(
          `  round ${round} ${t.name.padEnd(12)} ${m.rps.toFixed(0).padStart(5)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p95 ${m.p95.toFixed(1).padStart(6)} ms  load ${loadAverage()}`,
        );
      }
    }
    await sealer.stop();
    const [state] = await db.query<{ entries: number; unsealed: number }>(
      `SELECT count(*)::int AS entries, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.seq = e.seq))::int AS unsealed
         FROM audit_event e WHERE e.prev_hash IS NULL`,
    );
    await app.close();
    await new Promise((resolve) => floorServer.close(resolve));
    await new Promise((resolve) => auditServer.close(resolve));
    await db.close();

    const mean = (name: Target): Measured => {
      const ms = runs.get(name) ?? [];
      const avg = (k: keyof Measured) => ms.reduce((sum, m) => sum + m[k], 0) / Math.max(1, ms.length);
      return { rps: avg('rps'), p50: avg('p50'), p95: avg('p95') };
    };
    const floor = mean('floor');
    const ratios = (m: Measured) => ({ ...m, throughputRatio: m.rps / floor.rps, p95Ratio: m.p95 / floor.p95 });
    const summary = {
      bench: 'audit',
      engine: 'postgresql',
      cores: os.cpus().length,
      loadAverage: os.loadavg(),
      connections: CONNECTIONS,
      seconds,
      rounds,
      floor,
      recordAudit: ratios(mean('recordAudit')),
      auditedApi: ratios(mean('audited API')),
      auditEntries: state?.entries ?? 0,
      unsealedAfterStop: state?.unsealed ?? 0,
    };
    const line = (name: string, r: ReturnType<typeof ratios>) =>
      `  ${name.padEnd(12)} ${(r.throughputRatio * 100).toFixed(0).padStart(4)}% of the floor's throughput (goal ≥ 70%), p95 ${r.p95Ratio.toFixed(2)}x the floor's (goal ≤ 1.5x)`;
    console.log(`\n${line('recordAudit', summary.recordAudit)}\n${line('audited API', summary.auditedApi)}`);
    console.log(
      `  ${summary.auditEntries} entries written, ${summary.unsealedAfterStop} not sealed when the sealer stopped; cores ${summary.cores}, load ${loadAverage()}`,
    );
    console.log(`BENCH_RESULT ${JSON.stringify(summary)}`);
  } finally {
    await database.drop();
  }
}
