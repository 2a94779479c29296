import { directoryService } from '../directory/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import type { Actor, RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * Kestrelshire's list of services (issue 14, bug 7): what its records choose from wherever they name
 * a service, each with the partner that provides it where one does. Added by the area administrator's
 * service, as an area sets up its own; the demo's involvements, assessments and referrals name them.
 */
export const DEMO_SERVICES: { name: string; partner?: string; sensitive?: boolean; contactEmail?: string }[] = [
  { name: 'Health visiting', partner: 'Kestrelshire Primary Care Trust', contactEmail: 'health.visiting@kestrelshire-pct.example' },
  { name: 'School nursing', partner: 'Kestrelshire Primary Care Trust' },
  { name: 'Speech and language therapy', partner: 'Kestrelshire Primary Care Trust' },
  { name: 'Special educational needs co-ordination' },
  { name: 'Special educational needs support', partner: 'Ashcombe Community College' },
  { name: 'Youth Crime Prevention', partner: 'Kestrelshire Youth Offending Team' },
  { name: 'Youth offending team supervision', partner: 'Kestrelshire Youth Offending Team' },
  { name: 'Family support', partner: 'Eastmoor Family Support' },
  {
    name: 'Sexual health and contraception',
    partner: 'Kestrelshire Hospitals NHS Trust',
    sensitive: true,
    contactEmail: 'sexual.health@kestrelshire-hospitals.example',
  },
  { name: 'Children’s social care', partner: 'Kestrelshire County Council', contactEmail: 'front.door@kestrelshire.example' },
  { name: 'School and Behaviour Support Team', partner: 'Kestrelshire County Council' },
  { name: 'Educational psychology', partner: 'Kestrelshire County Council' },
  { name: 'Social Services Family Centre: outreach parenting support', partner: 'Kestrelshire County Council' },
];

/** Adds the demo's services the area does not list yet; gives back how many it added. */
export async function loadDemoServices(db: Db, clock: Clock, by: { actor: Actor; ctx: RequestContext }): Promise<number> {
  const directory = directoryService({ db, clock });
  const listed = new Set((await directory.list(DEMO_AREA.code)).map((s) => s.name.toLowerCase()));
  let added = 0;
  for (const s of DEMO_SERVICES) {
    if (listed.has(s.name.toLowerCase())) continue;
    const organisationId = s.partner ? await findOrganisationIdByName(db, DEMO_AREA.code, s.partner) : undefined;
    await directory.add(by, DEMO_AREA.code, { name: s.name, organisationId, sensitive: s.sensitive, contactEmail: s.contactEmail });
    added += 1;
  }
  return added;
}
