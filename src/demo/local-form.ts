import { assessmentServices } from '../assessment/index.js';
import type { RequestContext } from '../platform/audit.js';
import { listUsersInArea } from '../platform/auth/repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * The demo area's own assessment form (004 para 186: half the pathfinders used a locally defined
 * form), so a practitioner starting an assessment in the demo has a choice. A short early help
 * assessment adapted from the national CAF's structure: two domains where the national form has
 * three. It is uploaded and published by the area administrator through the forms service, as a
 * council does on its pages, never written by SQL.
 */
export const DEMO_LOCAL_FORM = {
  format: 'ctp-assessment-form',
  formatVersion: 1,
  code: 'kestrelshire-eha',
  version: '1',
  title: 'Early help assessment (local)',
  domains: [
    {
      code: 'child',
      title: 'The child or young person',
      elements: [
        { code: 'health', title: 'Health and development' },
        { code: 'learning', title: 'Learning, school and achievement' },
        { code: 'wellbeing', title: 'Emotional wellbeing, behaviour and identity' },
      ],
    },
    {
      code: 'family-home',
      title: 'Family, home and community',
      elements: [
        { code: 'care', title: 'Care, safety and boundaries from parents and carers' },
        { code: 'relationships', title: 'Family relationships and stability' },
        { code: 'home', title: 'Housing, money and work' },
        { code: 'community', title: 'Friends, activities and support nearby' },
      ],
    },
  ],
} as const;

const ADMIN_EMAIL = 'area.admin@kestrelshire.example';

/** Publishes the demo's local form unless a version of it is published already; 1 when it did. */
export async function loadDemoLocalForm(db: Db, clock: Clock, ctx: RequestContext): Promise<number> {
  const { forms } = assessmentServices({ db, clock });
  const admin = (await listUsersInArea(db, DEMO_AREA.code)).find((u) => u.email === ADMIN_EMAIL);
  if (!admin) throw new Error(`demo user missing: ${ADMIN_EMAIL}`);
  const held = await forms.list(admin);
  if (held.some((f) => f.code === DEMO_LOCAL_FORM.code && f.status === 'published')) return 0;
  // An upload cut short before publishing left a draft: uploading again replaces it.
  const id = await forms.upload(admin, DEMO_LOCAL_FORM, ctx);
  await forms.publish(admin, id, ctx);
  return 1;
}
