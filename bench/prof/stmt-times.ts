// Profiling (ADR 0018 "Speed and memory"): one import in its own process, with the wall time of every
// statement kind summed (a wrapper of the Db's methods), to see where an import's time goes.
//   node --import tsx bench/prof/stmt-times.ts DIR FILE
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { useAuditKey } from '../../src/platform/audit.js';
import { openDb, type Db, type Tx } from '../../src/platform/db.js';
import { importIndicatorValues } from '../../src/outcomes/import.js';

const [dir, file] = process.argv.slice(2);
if (!dir || !file) throw new Error('dir file');
const dataDir = path.join(dir, 'data');
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
useAuditKey(config.auditKey);
const db = await openDb({ databaseUrl: undefined, dataDir });
const times = new Map<string, { n: number; ms: number }>();
const keyOf = (sql: unknown) =>
  String(typeof sql === 'string' ? sql : ((sql as { text?: string }).text ?? '?'))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
const timed = async <T>(key: string, f: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  try {
    return await f();
  } finally {
    const e = times.get(key) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += performance.now() - t;
    times.set(key, e);
  }
};
const wrapTx = (tx: Tx): Tx => ({
  ...tx,
  query: (sql, params) => timed(keyOf(sql), () => tx.query(sql, params)),
  exec: (sql) => timed(keyOf(sql), () => tx.exec(sql)),
  copyFrom: (target, data) => timed(`COPY ${target.slice(0, 40)}`, () => tx.copyFrom(target, data)),
});
const wrapped: Db = Object.assign(Object.create(Object.getPrototypeOf(db) as object) as Db, db, {
  query: ((sql: string, params?: readonly unknown[]) => timed(keyOf(sql), () => db.query(sql, params))) as Db['query'],
  exec: (sql: string) => timed(keyOf(sql), () => db.exec(sql)),
  transaction: <T>(fn: (tx: Tx) => Promise<T>) => timed('(transaction)', () => db.transaction((tx) => fn(wrapTx(tx)))),
  whenQuiet: (q: number, m: number) => timed('(whenQuiet)', () => db.whenQuiet(q, m)),
});
const t0 = performance.now();
const report = await importIndicatorValues(wrapped, { file });
console.log('status', report.status, 'values', report.values, 'wall s', ((performance.now() - t0) / 1000).toFixed(1));
for (const [k, v] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log(v.ms.toFixed(0).padStart(8), String(v.n).padStart(6), k);
await db.close();
