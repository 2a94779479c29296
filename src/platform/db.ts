import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { ConfigError } from './config.js';
import { lockFolder, type FolderLock } from './folder-lock.js';

/**
 * A statement that a PostgreSQL server parses and plans once per connection, then reuses (a named
 * prepared statement): for the few queries every request runs, whose best plan does not depend on the
 * values (an equality on a unique key). PGlite runs its text like any other query.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

export const prepared = (name: string, text: string): Prepared => ({ name, text });

/**
 * The one database interface the application uses. PostgreSQL is the only dialect: the same SQL
 * runs on embedded PGlite and on a PostgreSQL server. Values are always passed as parameters.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string | Prepared, params?: readonly unknown[]): Promise<R[]>;
  /** Runs trusted, fixed SQL that may hold several statements (migrations). Never user input. */
  exec(sql: string): Promise<void>;
}

/**
 * Runs an INSERT ... RETURNING (or an UPDATE ... RETURNING that must hit a row) and gives back the one
 * row. Throws when none comes back, so a write that silently did nothing never passes for one that did.
 */
export async function insertReturning<R>(q: Queryable, sql: string | Prepared, params: readonly unknown[]): Promise<R> {
  const [row] = await q.query<R>(sql, params);
  if (row === undefined) throw new Error(`expected one row back from: ${textOf(sql).trim().split('\n')[0] ?? ''}`);
  return row;
}

/** A handle that is inside a transaction: functions that must run in one take this type. */
export interface Tx extends Queryable {
  readonly inTransaction: true;
  /**
   * Bulk-loads rows in COPY text format (tab-separated, `\\N` for null) into `target`: a fixed table
   * name with its column list, never user input. The fastest way into PostgreSQL (style.md: `COPY` for bulk).
   */
  copyFrom(target: string, data: Buffer): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** From now on act as the application role, which lacks UPDATE/DELETE on the audit trail. */
  useAppRole(role: string): Promise<void>;
  /** Writes, flushes and removes a small file where the embedded engine keeps its data: fails on a full or read-only disk. */
  checkStorage(): Promise<void>;
  /**
   * For background work between its short transactions (an import job, ADR 0018): resolves at once when,
   * after a turn of the event loop, no request is being answered, none was in the last `quietMs` and no
   * statement is waiting (ADR 0048); otherwise once
   * none is and no query has run for `quietMs` (so a request's next query is not kept waiting behind the work's
   * next transaction), or after `maxWaitMs` however busy it is, so the work still moves. The embedded
   * engine has one connection that every request shares; a server's pool has several, so there it resolves at once.
   */
  whenQuiet(quietMs: number, maxWaitMs: number): Promise<void>;
  /**
   * A request has started (the HTTP platform says so): `whenQuiet` also waits until it has been
   * answered, so background work does not start between two of its queries while it renders
   * (ADR 0031). Returns the call that says it was answered (once is enough; more are ignored).
   */
  requestStarted(): () => void;
  close(): Promise<void>;
}

/** The SQLSTATE a database error carries (node-pg's and the embedded engine's both give it as `code`), if any. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** node-pg's form of a query: a prepared statement goes by its name, so the server parses and plans it once per connection. */
const pgQuery = (sql: string | Prepared, params: readonly unknown[]): pg.QueryConfig =>
  typeof sql === 'string' ? { text: sql, values: params as unknown[] } : { name: sql.name, text: sql.text, values: params as unknown[] };
const textOf = (sql: string | Prepared): string => (typeof sql === 'string' ? sql : sql.text);

const INT8 = 20;
const DATE = 1082;

// Counts and identities fit in a double here; dates stay ISO strings (no time-zone surprises).
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

export interface OpenDbOptions {
  databaseUrl: string | undefined;
  /** Folder holding the embedded database, or 'memory://' for a throwaway one. */
  dataDir: string;
  /**
   * For a throwaway embedded database: start from this copy of another's files (made by
   * `dumpDataDir`) instead of an empty cluster. Tests use it to migrate once and copy per file.
   */
  loadDataDir?: Blob;
}

/** An embedded database, which can hand over a copy of its files (a tarball) for another to start from. */
export interface EmbeddedDb extends Db {
  readonly engine: 'pglite';
  dumpDataDir(): Promise<Blob>;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openEmbeddedDb(options.dataDir, options.loadDataDir);
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

async function openPostgres(databaseUrl: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot reach the database at DATABASE_URL (${describeUrl(databaseUrl)}): ${reason}`);
  }
  let appRole: string | undefined;
  const roleSet = new WeakSet<pg.PoolClient>();

  async function acquire(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    if (appRole && !roleSet.has(client)) {
      try {
        await client.query('SELECT set_config($1, $2, false)', ['role', appRole]);
      } catch (error) {
        client.release(true);
        throw error;
      }
      roleSet.add(client);
    }
    return client;
  }

  return {
    engine: 'postgres',
    async query<R>(sql: string | Prepared, params: readonly unknown[] = []): Promise<R[]> {
      const client = await acquire();
      try {
        return (await client.query(pgQuery(sql, params))).rows as R[];
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      const client = await acquire();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await acquire();
      try {
        await client.query('BEGIN');
        // One statement at a time on the transaction's connection, even when callers run queries
        // side by side (Promise.all): a connection executes one query at a time.
        let queue: Promise<unknown> = Promise.resolve();
        const serial = <U>(run: () => Promise<U>): Promise<U> => {
          const next = queue.then(run);
          queue = next.catch(() => undefined);
          return next;
        };
        const tx: Tx = {
          inTransaction: true,
          query: async <R>(sql: string | Prepared, params: readonly unknown[] = []) =>
            (await serial(() => client.query(pgQuery(sql, params)))).rows as R[],
          exec: async (sql: string) => {
            await serial(() => client.query(sql));
          },
          copyFrom: (target: string, data: Buffer) =>
            serial(() => pipeline(Readable.from([data]), client.query(copyFromStdin(`COPY ${target} FROM STDIN`)))),
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async useAppRole(role: string) {
      appRole = role;
      const client = await acquire();
      client.release();
    },
    // The server's storage is the server's to watch; a committed write (the caller's probe) is the test here.
    checkStorage: async () => undefined,
    whenQuiet: async () => undefined,
    requestStarted: () => () => undefined,
    async close() {
      await pool.end();
    },
  };
}

function ensureWritableFolder(dir: string): void {
  try {
    // Personal data lives here: readable by the owner only (issue 11 §8).
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A folder made by an earlier release (or by hand) is closed too, when it is ours to close.
    if (fs.statSync(dir).uid === process.getuid?.()) fs.chmodSync(dir, 0o700);
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'not writable';
    throw new ConfigError(`The data folder ${dir} cannot be written (${reason}): set DATA_DIR to a writable folder`);
  }
}

/**
 * The embedded engine's own settings. Its shared buffers live in the process's memory, all touched
 * when it starts (the default 128 MB of them was a third of an importer's memory, ADR 0018 "Speed"),
 * while the operating system caches the data files anyway: 16 MB holds the pages a request or an
 * import batch works on. Fixed, not read from the environment: measuring runs the settings that ship (ADR 0039).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=16MB'];

export async function openEmbeddedDb(dataDir: string, loadDataDir?: Blob): Promise<EmbeddedDb> {
  const memory = dataDir === 'memory://';
  if (loadDataDir && !memory) throw new ConfigError('A copy of a database can only be loaded into a throwaway (memory://) one');
  const location = memory ? 'memory://' : path.join(dataDir, 'pgdata');
  if (!memory) ensureWritableFolder(dataDir);
  // Taken before the engine opens the files, released when this handle closes (or the process exits).
  const lock: FolderLock | undefined = memory ? undefined : lockFolder(dataDir);
  // The engine is WebAssembly. V8 compiles it quickly first (Liftoff) and then again, optimised
  // (TurboFan), the functions it finds hot: about 60 MB more of the process's memory for the same
  // CPU within a few per cent on an import (ADR 0039). Set before the engine's module is compiled; it
  // holds for the process's other WebAssembly too (the charts' PNG renderer).
  v8.setFlagsFromString('--liftoff-only');
  // Loaded only when used: a process working on a PostgreSQL server never pays for the embedded engine.
  const [{ PGlite }, { pg_trgm }, { fuzzystrmatch }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/fuzzystrmatch'),
  ]);
  const client = await PGlite.create(location, {
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting])],
    extensions: { pg_trgm, fuzzystrmatch },
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  }).catch((error: unknown) => {
    lock?.release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot open the embedded database in ${location}: ${reason}`);
  });
  // The engine creates its files readable by all; the folder that holds them is closed to others.
  if (!memory) fs.chmodSync(location, 0o700);
  // The one connection's use, for whenQuiet: statements waiting or running, and when one last started or ended.
  let inUse = 0;
  let lastUse = 0;
  // Requests being answered, when the last was, and the wait of whenQuiet to cut short when the last one is.
  let requests = 0;
  let lastAnswered = 0;
  let wake: (() => void) | null = null;
  const using = async <U>(run: () => Promise<U>): Promise<U> => {
    inUse += 1;
    lastUse = performance.now();
    try {
      return await run();
    } finally {
      inUse -= 1;
      lastUse = performance.now();
    }
  };
  return {
    engine: 'pglite',
    async query<R>(sql: string | Prepared, params: readonly unknown[] = []): Promise<R[]> {
      return using(async () => (await client.query<R>(textOf(sql), params as unknown[])).rows);
    },
    async exec(sql: string) {
      await using(() => client.exec(sql));
    },
    async whenQuiet(quietMs: number, maxWaitMs: number) {
      const started = performance.now();
      // One turn of the event loop first, so a request that arrived meanwhile has said so (requestStarted). If none
      // has, none was answered in the last `quietMs` and no statement is waiting, nobody wants the connection:
      // waiting out `quietMs` after the work's own statements was 3-4 ms of idleness a batch (4.5 s of a
      // 640,000-value import alone). After an answer the wait stays: a page's next request often follows at once.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (inUse === 0 && requests === 0 && performance.now() - lastAnswered >= quietMs) return;
      for (;;) {
        const now = performance.now();
        const quietFor = now - lastUse;
        if ((inUse === 0 && requests === 0 && quietFor >= quietMs) || now - started >= maxWaitMs) return;
        const waitMs = Math.max(1, Math.min(requests > 0 ? maxWaitMs : quietMs - quietFor, maxWaitMs - (now - started)));
        // Woken at once when the last request is answered: the work goes before the next one arrives.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            wake = null;
            resolve();
          }, waitMs);
          wake = () => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
        });
      }
    },
    requestStarted() {
      requests += 1;
      let answered = false;
      return () => {
        if (answered) return;
        answered = true;
        requests -= 1;
        lastAnswered = performance.now();
        if (requests === 0) wake?.();
      };
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return using(() =>
        client.transaction(async (inner) =>
          fn({
            inTransaction: true,
            query: async <R>(sql: string | Prepared, params: readonly unknown[] = []) =>
              (await inner.query<R>(textOf(sql), params as unknown[])).rows,
            exec: async (sql: string) => {
              await inner.exec(sql);
            },
            // PGlite reads COPY input from a blob it mounts at /dev/blob. Copying from a file needs
            // pg_read_server_files, which the application role must never hold on a server; embedded, the
            // process is the database, so this one fixed statement runs as the session's own user.
            copyFrom: async (target: string, data: Buffer) => {
              // The role in force read and left in one statement: the CTE's row is read before the projection's set_config runs.
              const [row] = (
                await inner.query<{ role: string }>(
                  `WITH was AS MATERIALIZED (SELECT current_setting('role') AS role) SELECT role, set_config('role', 'none', true) FROM was`,
                )
              ).rows;
              // A COPY that fails aborts the transaction (or the caller's savepoint), and that rollback
              // restores the role (set_config is local to it): its error is the caller's to see, not
              // "current transaction is aborted" from setting the role back.
              // The blob is made from a view of the rows, not a copy of them: the engine copies them again to read
              // them, and every copy is a batch's size more for the importer to hold until it is collected (ADR 0045).
              const rows = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
              await inner.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
              await inner.query(`SELECT set_config('role', $1, true)`, [row?.role ?? 'none']);
            },
          }),
        ),
      );
    },
    async useAppRole(role: string) {
      await client.query('SELECT set_config($1, $2, false)', ['role', role]);
    },
    dumpDataDir: () => client.dumpDataDir('none'),
    async checkStorage() {
      if (memory) return;
      const probe = path.join(dataDir, `.health-${process.pid}`);
      const fd = await fs.promises.open(probe, 'w', 0o600);
      try {
        await fd.writeFile('ok');
        await fd.sync();
      } finally {
        await fd.close();
        await fs.promises.rm(probe, { force: true });
      }
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
