import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config.js';

/**
 * The embedded database belongs to one process at a time. PGlite keeps pages in memory and writes
 * them back on its own schedule, so a second process on the same folder silently loses acknowledged
 * writes (issue 11 §3). The holder creates `ctp.lock` with O_EXCL, naming itself; a later process is
 * refused with one line saying who holds the folder. A lock whose holder has died is taken over.
 */
export const LOCK_FILE = 'ctp.lock';

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface FolderLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function refusal(dir: string, holder: Holder): ConfigError {
  return new ConfigError(
    `The data folder ${dir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}): stop that process first, or do this through the running service's pages or API instead`,
  );
}

/** Takes the folder or throws a ConfigError naming the process that holds it. */
export function lockFolder(dir: string): FolderLock {
  const file = path.join(dir, LOCK_FILE);
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ') || 'node',
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      // An empty file may be a holder between its create and its write: young ones are left alone.
      const young = !holder && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5000;
      if (young) throw refusal(dir, { ...me, pid: 0, command: 'a process starting up' });
      // A holder on another machine (a shared folder) cannot be checked: it is refused, never taken over.
      if (holder && (holder.host !== me.host || alive(holder.pid))) throw refusal(dir, holder);
      // Dead holder, or a lock file cut short by a crash between create and write: take it over.
      // Two processes taking over at once both unlink; only one of them then wins the O_EXCL create.
      if (attempt >= 3) throw refusal(dir, holder ?? { ...me, pid: 0, command: 'unknown' });
      fs.rmSync(file, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { release };
}
