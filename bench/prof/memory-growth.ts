// Profiling (ADR 0044): what grows while an import runs. One import in its own process on a copy of a
// folder setup.ts built, sampling every 50 ms the process's RSS (/proc VmRSS), the V8 heap, memory
// outside it (external, array buffers) and the embedded engine's WebAssembly memory (its byte length:
// it only ever grows), and printing them at each tenth of the import and at the end.
//   node [--import tsx] bench/prof/memory-growth.ts DIR FILE
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { useAuditKey } from '../../src/platform/audit.js';
import { openDb } from '../../src/platform/db.js';
import { importIndicatorValues } from '../../src/outcomes/import.js';

const [dir, file] = process.argv.slice(2);
if (!dir || !file) throw new Error('usage: memory-growth.ts DIR FILE');

// The engine's instance, caught as db.ts creates it (the same module instance db.ts loads), for its memory.
const pglite = await import('@electric-sql/pglite');
type Instance = Awaited<ReturnType<typeof pglite.PGlite.create>>;
let engine: Instance | undefined;
const create = pglite.PGlite.create.bind(pglite.PGlite);
(pglite.PGlite as unknown as { create: typeof create }).create = async (...args: Parameters<typeof create>) => {
  engine = await create(...args);
  return engine;
};
const wasmBytes = (): number => (engine as unknown as { mod?: { HEAPU8?: Uint8Array } } | undefined)?.mod?.HEAPU8?.byteLength ?? 0;

const mb = (bytes: number) => Math.round(bytes / 1048576);
const status = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
interface Sample {
  at: string;
  rss: number;
  hwm: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  wasm: number;
}
const sample = (at: string): Sample => {
  const m = process.memoryUsage();
  return {
    at,
    rss: mb(status('VmRSS')),
    hwm: mb(status('VmHWM')),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
    wasm: mb(wasmBytes()),
  };
};
const show = (s: Sample) => console.log(Object.values(s).map(String).join('\t'));
console.log(['at', 'rss', 'hwm', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'wasm'].join('\t'));
show(sample('start'));

const dataDir = path.join(dir, 'data');
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
useAuditKey(config.auditKey);
const db = await openDb({ databaseUrl: undefined, dataDir });
await db.query('SELECT 1');
show(sample('opened'));
let peak = sample('peak');
const timer = setInterval(() => {
  const s = sample('peak');
  if (s.rss > peak.rss) peak = s;
}, 50);
const total = fs.statSync(file).size;
let tenth = 1;
const started = performance.now();
const report = await importIndicatorValues(db, {
  file,
  onProgress: (p) => {
    if (p.bytesRead >= (tenth * total) / 10) {
      show(sample(`${tenth * 10}%`));
      tenth += 1;
    }
  },
});
clearInterval(timer);
show(sample('end'));
show(peak);
console.log(
  `${report.status} ${report.values} values in ${((performance.now() - started) / 1000).toFixed(1)} s, load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`,
);
await db.close();
