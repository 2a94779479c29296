import type { Db, Queryable } from '../../platform/db.js';
import { leadProfessionalCriteria } from '../repository.js';

/**
 * The practitioners of an area, for choosing who joins the team around the child (004 para 228:
 * a directory of local practitioners). Only people who can work with children are listed.
 */

export interface Practitioner {
  id: string;
  displayName: string;
  jobTitle: string;
  organisationId: string;
  organisationName: string;
}

/** Active practitioners and practice managers of the area, by name. */
export async function listPractitioners(db: Queryable, areaCode: string): Promise<Practitioner[]> {
  const rows = await db.query<{
    id: string;
    display_name: string;
    job_title: string;
    organisation_id: string;
    organisation_name: string;
  }>(
    `SELECT u.id, u.display_name, u.job_title, u.organisation_id, o.name AS organisation_name
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id
      WHERE u.area_code = $1 AND u.disabled_at IS NULL AND u.role IN ('practitioner', 'practice_manager')
      ORDER BY u.display_name, o.name`,
    [areaCode],
  );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    jobTitle: r.job_title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
  }));
}

export function directoryService({ db }: { db: Db }) {
  return {
    practitioners: (areaCode: string) => listPractitioners(db, areaCode),
    /** The area's criteria for appointing a lead professional (000 §2.18), confirmed one by one. */
    leadProfessionalCriteria: async (areaCode: string): Promise<string[]> => (await leadProfessionalCriteria(db, areaCode)).criteria,
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;
