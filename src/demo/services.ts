import { directoryService } from '../directory/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import type { Actor, RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';
import { DEMO_SERVICES } from './directory-entries.js';

export { DEMO_SERVICES } from './directory-entries.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Kestrelshire's list of services (issue 14, bug 7) and directory of services (issue 17): what its
 * records choose from wherever they name a service, each with its directory entry (demo/directory-
 * entries.ts). Added by the area administrator's service, as an area sets up its own; an entry last
 * reviewed long ago is added on a clock set back that far, so its twelve-month flag shows.
 */
export async function loadDemoServices(db: Db, clock: Clock, by: { actor: Actor; ctx: RequestContext }): Promise<number> {
  const directory = directoryService({ db, clock });
  const listed = new Set((await directory.list(DEMO_AREA.code)).map((s) => s.name.toLowerCase()));
  let added = 0;
  for (const { partner, reviewedDaysAgo, ...s } of DEMO_SERVICES) {
    if (listed.has(s.name.toLowerCase())) continue;
    const organisationId = partner ? await findOrganisationIdByName(db, DEMO_AREA.code, partner) : undefined;
    if (partner && organisationId === undefined) throw new Error(`demo partner missing: ${partner}`);
    const addedBy =
      reviewedDaysAgo === undefined
        ? directory
        : directoryService({ db, clock: { now: () => new Date(clock.now().getTime() - reviewedDaysAgo * DAY_MS) } });
    await addedBy.add(by, DEMO_AREA.code, { ...s, organisationId });
    added += 1;
  }
  return added;
}
