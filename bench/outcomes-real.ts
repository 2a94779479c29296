// Real-sized import benchmark (issue 15 item 4): `npm run bench -- outcomes-real`.
// A process of its own builds the folder (bench/outcomes-real-server.ts: the embedded database with the
// LAIT-sized catalogue, and a generated file of 640,000 rows, 434 measures and 170 areas,
// bench/generate-lait.ts); then the service runs on it as an installation runs it, `ctp serve` (bin/ctp.js:
// the compiled dist/ when `npm run build` made it and src/ has not changed since, the sources through tsx
// otherwise; the line printed says which). This process is another user's browser: it signs in over HTTP,
// times an indicator page while the service is idle, uploads the file to the API as a text/csv body, and
// times the same page while the import job runs. It prints the import's seconds, the server's peak RSS
// (the importer's, /proc VmHWM), the page's p95 idle and during the import, and their ratio, with the core count.
// Targets: import <= 20 s, peak RSS <= 300 MB, p95 during <= 2x idle.
// The file is in LAIT's own layout, as the issue asks; BENCH_LAYOUT=long writes our long layout with the same number of rows.
// BENCH_ROWS and BENCH_REQUESTS make smaller runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../src/platform/paths.js';
import { compiledIsCurrent, ROOT } from '../bin/compiled.js';
import { signInWithoutCode } from './sign-in.js';

const TARGETS = { importSeconds: 20, peakRssMb: 300, p95Ratio: 2 };
const PAGES = ['NI 117', 'NI 75', 'NI 62', 'NI 73'].map((code) => paths.outcomesIndicator(code));

interface Ready {
  dataDir: string;
  file: string;
  rows: number;
  bytes: number;
  layout: string;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function timedGet(base: string, cookie: string, url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(base + url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
  return performance.now() - started;
}

function statusOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function startServer(): Promise<{ ready: Ready; base: string; pid: number; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-real-'));
  const setup = path.join(path.dirname(fileURLToPath(import.meta.url)), 'outcomes-real-server.ts');
  const built = spawnSync(process.execPath, ['--import', 'tsx', setup, dir], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const line = built.stdout
    .toString()
    .split('\n')
    .find((l) => l.startsWith('READY '));
  if (built.status !== 0 || !line) throw new Error(`building the bench database failed (${String(built.status)})`);
  const ready = JSON.parse(line.slice(6)) as Ready;
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ctp.js'), 'serve', '--no-demo'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATA_DIR: ready.dataDir,
      DEMO: 'false',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 200))) {
    if (exited) throw new Error('ctp serve stopped before it answered');
    if (Date.now() - started > 300_000) throw new Error('ctp serve did not answer within 300 s');
    const answered = await fetch(`${base}/sign-in`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (answered) break;
  }
  const stop = () =>
    new Promise<void>((done) => {
      if (exited) done();
      else child.once('exit', () => done()).kill('SIGTERM');
    }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { ready, base, pid: child.pid ?? 0, stop };
}

export async function runOutcomesRealBench(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 100);
  const compiled = process.env.CTP_RUN_SOURCES !== 'true' && compiledIsCurrent();
  const server = await startServer();
  const { ready } = server;
  try {
    const mb = (bytes: number) => bytes / 1024 / 1024;
    const planner = await signInWithoutCode(server.base, 'planner@kestrelshire.example');
    const viewer = await signInWithoutCode(server.base, 'board.member@kestrelshire.example');
    console.log(
      `Outcomes real-data benchmark on pglite: ${ready.rows.toLocaleString('en-GB')} rows (${ready.layout} layout, ${mb(ready.bytes).toFixed(0)} MB), ${os.cpus().length} cores, node ${process.version}, ctp serve ${compiled ? 'compiled (dist/)' : 'from the sources (tsx)'}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    for (let i = 0; i < 5; i += 1) await timedGet(server.base, viewer, PAGES[i % PAGES.length] ?? '/');
    const idle: number[] = [];
    for (let i = 0; i < requests; i += 1) idle.push(await timedGet(server.base, viewer, PAGES[i % PAGES.length] ?? '/'));

    const rssBefore = statusOf(server.pid, 'VmRSS');
    // The upload: the file streamed as a text/csv body, as an API client sends it.
    const uploadStarted = performance.now();
    const posted = await fetch(`${server.base}/api/outcomes/imports?fileName=${encodeURIComponent(path.basename(ready.file))}`, {
      method: 'POST',
      headers: { cookie: planner, 'content-type': 'text/csv' },
      body: fs.createReadStream(ready.file) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    if (posted.status !== 202) throw new Error(`POST import: ${posted.status} ${(await posted.text()).slice(0, 300)}`);
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const job = (await posted.json()) as { url: string };

    const during: number[] = [];
    let state = 'queued';
    interface JobAnswer {
      state: string;
      createdAt: string;
      finishedAt: string | null;
      report: { values: number; faultsTotal: number } | null;
    }
    let final: JobAnswer | undefined;
    let lastPoll = 0;
    for (let i = 0; !['done', 'refused', 'failed'].includes(state); i += 1) {
      during.push(await timedGet(server.base, viewer, PAGES[i % PAGES.length] ?? '/'));
      if (performance.now() - lastPoll > 500) {
        lastPoll = performance.now();
        final = (await (await fetch(server.base + job.url, { headers: { cookie: planner } })).json()) as JobAnswer;
        state = final?.state ?? 'failed';
      }
    }
    const importSeconds = final?.finishedAt ? (Date.parse(final.finishedAt) - Date.parse(final.createdAt)) / 1000 : Number.NaN;
    const peak = statusOf(server.pid, 'VmHWM');
    const idleP95 = percentile(idle, 95);
    const duringP95 = percentile(during, 95);
    const ratio = duringP95 / idleP95;
    const mark = (ok: boolean) => (ok ? '' : '  MISSED');
    console.log(
      `  import job: ${state}, ${final?.report?.values.toLocaleString('en-GB') ?? 0} values, ${final?.report?.faultsTotal ?? 0} faults`,
    );
    console.log(`  upload (text/csv, streamed to disk)  ${uploadSeconds.toFixed(1)} s`);
    console.log(
      `  import (queued to published)         ${importSeconds.toFixed(1)} s   target <= ${TARGETS.importSeconds}${mark(importSeconds <= TARGETS.importSeconds)}`,
    );
    console.log(
      `  server peak RSS (VmHWM)              ${mb(peak).toFixed(0)} MB  (${mb(rssBefore).toFixed(0)} MB before)   target <= ${TARGETS.peakRssMb}${mark(mb(peak) <= TARGETS.peakRssMb)}`,
    );
    console.log(
      `  indicator page p95 idle              ${idleP95.toFixed(1)} ms (n ${idle.length}, p50 ${percentile(idle, 50).toFixed(1)})`,
    );
    console.log(
      `  indicator page p95 during import     ${duringP95.toFixed(1)} ms (n ${during.length}, p50 ${percentile(during, 50).toFixed(1)}, max ${Math.max(...during).toFixed(0)})`,
    );
    console.log(
      `  ratio                                ${ratio.toFixed(2)}   target <= ${TARGETS.p95Ratio}${mark(ratio <= TARGETS.p95Ratio)}`,
    );
    const result = {
      engine: 'pglite',
      server: compiled ? 'compiled' : 'tsx',
      cores: os.cpus().length,
      load: os.loadavg()[0],
      rows: ready.rows,
      layout: ready.layout,
      state,
      importSeconds,
      uploadSeconds,
      peakRssMb: mb(peak),
      rssBeforeMb: mb(rssBefore),
      idleP95,
      duringP95,
      ratio,
    };
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  } finally {
    await server.stop();
  }
}
