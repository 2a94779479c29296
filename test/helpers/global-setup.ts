import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb, openEmbeddedDb } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { asAdmin, databaseName, databaseUrl } from './pg-admin.js';

/**
 * Migrates one demo-free database per run, which every test file then copies (test/helpers/db.ts):
 * migrating takes seconds, a copy a fraction of that. Embedded, the copy is a tarball of PGlite's files;
 * on PostgreSQL (DATABASE_URL), a template database that `CREATE DATABASE ... TEMPLATE` clones.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The tarball of a migrated embedded database, when the tests run on PGlite. */
    migratedDataDir: string;
    /** The migrated template database's name, when the tests run on PostgreSQL. */
    migratedTemplate: string;
    /**
     * A folder for the run, removed after it: the browser tests' demo area is loaded there once, by the
     * first file that needs it, and copied for each (test/browser/demo-copy.ts).
     */
    runFolder: string;
    /** The name the demo area's template database takes on PostgreSQL, dropped after the run. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-test-run-'));
  project.provide('runFolder', runFolder);
  const removeRunFolder = () => fs.rmSync(runFolder, { recursive: true, force: true });
  const torn = await migratedDatabase(project);
  return async () => {
    await torn();
    removeRunFolder();
  };
}

async function migratedDatabase(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide('demoTemplate', '');
    const db = await openEmbeddedDb('memory://');
    try {
      await migrate(db);
      const dump = await db.dumpDataDir();
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-test-template-'));
      const file = path.join(folder, 'migrated.tar');
      fs.writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
      project.provide('migratedDataDir', file);
      project.provide('migratedTemplate', '');
      return async () => fs.rmSync(folder, { recursive: true, force: true });
    } finally {
      await db.close();
    }
  }
  const name = databaseName('ctp_template');
  const demoTemplate = databaseName('ctp_demo');
  project.provide('demoTemplate', demoTemplate);
  await asAdmin(base, `CREATE DATABASE ${name}`);
  // A template must have no one connected when it is copied: this handle is closed before any test starts.
  const owner = await openDb({ databaseUrl: databaseUrl(base, name), dataDir: '' });
  try {
    await migrate(owner);
  } finally {
    await owner.close();
  }
  project.provide('migratedDataDir', '');
  project.provide('migratedTemplate', name);
  return async () => {
    await asAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await asAdmin(base, `DROP DATABASE IF EXISTS ${demoTemplate} WITH (FORCE)`);
  };
}
