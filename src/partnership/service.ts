import type { Db } from '../platform/db.js';
import { notFound } from '../platform/errors.js';
import * as repo from './repository.js';

export function partnershipService({ db }: { db: Db }) {
  return {
    /** The area with its districts and partners, grouped as the 2005 guidance groups them. */
    async areaOverview(areaCode: string) {
      const area = await repo.findArea(db, areaCode);
      if (!area) throw notFound('area');
      const [districts, organisations] = await Promise.all([repo.listDistricts(db, areaCode), repo.listOrganisations(db, areaCode)]);
      return {
        area,
        districts,
        organisations,
        counts: {
          relevantPartners: organisations.filter((o) => o.partnerStatus === 'relevant partner').length,
          otherPartners: organisations.filter((o) => o.partnerStatus === 'other partner').length,
        },
      };
    },
    listOrganisations: (areaCode: string) => repo.listOrganisations(db, areaCode),
  };
}

export type PartnershipService = ReturnType<typeof partnershipService>;
