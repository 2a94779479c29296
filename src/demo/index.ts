import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db.js';

/**
 * The demo area's public face. The area's names are plain constants; the loaders are imported on
 * first call, so an operator command that never loads the demo never reads the demo's data modules.
 */
export { DEMO_AREA, DEMO_PASSWORD, DEMO_USERS } from './area.js';

/** True when no area exists yet: `serve` loads the demo only into an empty database. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await import('./load.js')).databaseIsEmpty(db);
}

/** Loads the demo area (idempotent; refused in production). */
export async function loadDemo(
  db: Db,
  config: Config,
  options?: Parameters<typeof import('./load.js').loadDemo>[2],
): Promise<{ created: number }> {
  return (await import('./load.js')).loadDemo(db, config, options);
}

/** The current two-factor code of a demo user, from the published demo secret. */
export async function demoUserCode(email: string): Promise<string> {
  return (await import('./load.js')).demoUserCode(email);
}
