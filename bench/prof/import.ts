// Profiling (ADR 0018 "Speed and memory"): one import in its own process on an existing data folder
// (copy the one setup.ts built first), with CPU and wall time per phase and per batch, and RSS.
//   node --import tsx bench/prof/import.ts DIR FILE
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { useAuditKey } from '../../src/platform/audit.js';
import { openDb } from '../../src/platform/db.js';
import { importIndicatorValues } from '../../src/outcomes/import.js';

const [dir, file] = process.argv.slice(2);
if (!dir || !file) throw new Error('dir file');
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
console.log('start rss', rss().toFixed(0));
const dataDir = path.join(dir, 'data');
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
useAuditKey(config.auditKey);
const db = await openDb({ databaseUrl: undefined, dataDir });
await db.query('SELECT 1');
console.log('opened rss', rss().toFixed(0), 'hwm', hwm().toFixed(0));
if (process.env.SHOW)
  for (const s of ['shared_buffers', 'work_mem', 'maintenance_work_mem', 'temp_buffers', 'wal_buffers'])
    console.log(s, (await db.query<{ v: string }>(`SELECT current_setting('${s}') AS v`))[0]?.v);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const cpu0 = cpu();
let last = performance.now();
const t0 = last;
const cpus: number[] = [];
const per: { phase: string; batch: number; ms: number; rss: number }[] = [];
const report = await importIndicatorValues(db, {
  file,
  hooks: {
    afterBatch: async ({ phase, batch }) => {
      const now = performance.now();
      cpus.push(cpu());
      per.push({ phase, batch, ms: now - last, rss: rss() });
      last = now;
    },
  },
});
const total = (performance.now() - t0) / 1000;
console.log('cpu s', ((cpu() - cpu0) / 1000).toFixed(1), 'wall s', total.toFixed(1));
const phases = new Map<string, number[]>();
for (const p of per) phases.set(p.phase, [...(phases.get(p.phase) ?? []), p.ms]);
for (const [phase, ms] of phases) {
  const n = ms.length;
  const q = (a: number, b: number) => ms.slice(Math.floor(a * n), Math.max(Math.floor(a * n) + 1, Math.floor(b * n)));
  const avg = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(1);
  console.log(
    phase,
    'batches',
    n,
    'sum s',
    (ms.reduce((x, y) => x + y, 0) / 1000).toFixed(1),
    'first10% avg ms',
    avg(q(0, 0.1)),
    'mid',
    avg(q(0.45, 0.55)),
    'last10%',
    avg(q(0.9, 1)),
    'max',
    Math.max(...ms).toFixed(0),
  );
}
console.log(
  'status',
  report.status,
  'values',
  report.values,
  'faults',
  report.faultSummary.total,
  'total s',
  total.toFixed(1),
  'rss',
  rss().toFixed(0),
  'hwm',
  hwm().toFixed(0),
  'heapUsed',
  (process.memoryUsage().heapUsed / 1048576).toFixed(0),
  'ext',
  (process.memoryUsage().external / 1048576).toFixed(0),
  'ab',
  (process.memoryUsage().arrayBuffers / 1048576).toFixed(0),
);
const after = performance.now();
await db.close();
console.log('close s', ((performance.now() - after) / 1000).toFixed(1));
const firstApply = per.findIndex((p) => p.phase === 'applying');
console.log(
  'cpu reading s',
  (((cpus[firstApply - 1] ?? 0) - cpu0) / 1000).toFixed(1),
  'cpu applying s',
  (((cpus[cpus.length - 1] ?? 0) - (cpus[firstApply - 1] ?? 0)) / 1000).toFixed(1),
);
