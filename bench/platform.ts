// Platform benchmark: what the shared request pipeline (session lookup, authorisation,
// page rendering, JSON serialisation) costs compared with a bare route. Starts the real
// server on a random port with the demo area, signs the demo health visitor in over HTTP,
// then drives three targets with autocannon:
//   GET /livez    bare route: no auth, no database
//   GET /         authenticated page (session + two-factor, rendered HTML)
//   GET /api/me   authenticated API read (JSON)
// Engine: embedded PGlite in a fresh temp dir, or PostgreSQL when DATABASE_URL is set.
// DATABASE_URL must name an existing database that is empty (the demo is loaded) or already
// holds the demo area, e.g.
//   psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS ctp_bench' -c 'CREATE DATABASE ctp_bench'
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ctp_bench npm run bench
// BENCH_SECONDS sets the measured duration per target (default 5; each has a 1 s warm-up).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/platform/config.js';
import { startServer, type Running } from '../src/server.js';
import { signInDemoUser } from './sign-in.js';

const CONNECTIONS = 20;
const WARM_UP_SECONDS = 1;

interface Target {
  name: string;
  path: string;
  authenticated: boolean;
}

const TARGETS: readonly Target[] = [
  { name: 'bare GET /livez', path: '/livez', authenticated: false },
  { name: 'page GET /', path: '/', authenticated: true },
  { name: 'api GET /api/me', path: '/api/me', authenticated: true },
];

interface Figures {
  target: string;
  path: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Bare route throughput divided by this target's throughput (how many times slower). */
  throughputRatio: number;
  /** This target's p99 divided by the bare route's p99. */
  p99Ratio: number;
}

function benchSeconds(): number {
  const raw = process.env.BENCH_SECONDS;
  if (raw === undefined || raw === '') return 5;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_SECONDS must be a positive number (got "${raw}")`);
  return value;
}

async function measure(base: string, target: Target, cookie: string, seconds: number): Promise<autocannon.Result> {
  const headers: Record<string, string> = target.authenticated ? { cookie } : {};
  const options = { url: base + target.path, connections: CONNECTIONS, headers };
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const result = await autocannon({ ...options, duration: seconds });
  if (result.non2xx !== 0 || result.errors !== 0) {
    throw new Error(
      `${target.name}: ${result.non2xx} non-2xx responses (3xx ${result['3xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}) and ${result.errors} errors out of ${result.requests.total}`,
    );
  }
  return result;
}

function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function printTable(rows: readonly Figures[]): void {
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'bare/target req/s', 'target/bare p99'];
  const lines = rows.map((r) => [
    r.target,
    r.rps.toFixed(0),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    `${r.throughputRatio.toFixed(2)}x`,
    `${r.p99Ratio.toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  process.stdout.write(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(format).join('\n')}\n\n`);
}

export async function runPlatformBench(): Promise<void> {
  const seconds = benchSeconds();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO: 'true', LOG_LEVEL: 'silent' });
  const engine = config.databaseUrl ? 'postgresql' : 'pglite';
  process.stdout.write(`Engine: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}\n`);

  let running: Running | undefined;
  try {
    running = await startServer(config, { demo: true, quiet: true });
    const address = running.app.server.address();
    if (address === null || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
    const base = `http://127.0.0.1:${address.port}`;

    const cookie = await signInDemoUser(base, running.db, config);
    process.stdout.write(`Signed in as the demo health visitor at ${base}\n`);
    process.stdout.write(
      `Measuring ${TARGETS.length} targets: ${CONNECTIONS} connections, ${WARM_UP_SECONDS}s warm-up + ${seconds}s each\n`,
    );

    const results: { target: Target; result: autocannon.Result }[] = [];
    for (const target of TARGETS) {
      process.stdout.write(`  ${target.name} ...\n`);
      results.push({ target, result: await measure(base, target, cookie, seconds) });
    }

    const bare = results[0]?.result;
    if (!bare) throw new Error('no bare-route result');
    const rows: Figures[] = results.map(({ target, result }) => ({
      target: target.name,
      path: target.path,
      requests: result.requests.total,
      rps: round(result.requests.average),
      p50Ms: round(result.latency.p50),
      p99Ms: round(result.latency.p99),
      throughputRatio: round(bare.requests.average / result.requests.average),
      p99Ratio: round(result.latency.p99 / bare.latency.p99),
    }));

    const cores = os.cpus().length;
    printTable(rows);
    process.stdout.write(
      `cores: ${cores}  node: ${process.version}  engine: ${engine}  connections: ${CONNECTIONS}  duration: ${seconds}s\n`,
    );
    const summary = { bench: 'platform', engine, cores, node: process.version, connections: CONNECTIONS, seconds, targets: rows };
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(summary)}\n`);
  } finally {
    await running?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
