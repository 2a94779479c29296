import { findArea, listDistricts } from '../partnership/index.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, validationFailed } from '../platform/errors.js';
import { NEED_LEVEL_NAMES, PROVIDER_KIND_NAMES, SERVICE_GROUP_NAMES, SERVICE_TYPE_NAMES, SERVICE_NEED_LEVELS } from './entry.js';
import { directoryProblems } from './errors.js';
import { postcodePoints, postcodesHeld } from './postcodes/service.js';
import { milesBetween, milesText, normalisePostcode, POSTCODE_RULE, postcodeFormatMessage } from './postcodes/postcode.js';
import { listAreaServices } from './repository.js';
import type { AreaService } from './types.js';

/**
 * The directory of services as the public and practitioners search it (issue 17, item 1; ADR 0026):
 * the area's open services, never a sensitive one, searched by need (an outcome or aim, or words),
 * age and place (a district of the area, or a town named in the address), and sorted by distance
 * from a postcode when one is given: the area's own postcode centroids (loaded from the ONS Postcode
 * Directory, postcodes/), measured to each entry's postcode.
 */

export interface DirectorySearch {
  need?: string;
  words?: string;
  age?: string;
  place?: string;
  postcode?: string;
}

export interface CheckedSearch {
  need: string;
  words: string;
  age: number | null;
  place: string;
  /** Normalised; empty when none was given. */
  postcode: string;
}

/** Checks a search as sent; a bad age is refused naming the field. */
export function checkSearch(input: DirectorySearch): CheckedSearch {
  const errors = new FieldErrors();
  const age = (input.age ?? '').trim();
  if (age !== '' && (!/^[0-9]{1,2}$/.test(age) || Number(age) > 25))
    errors.add('age', 'age_range', 'Age must be a whole number of years from 0 to 25');
  const postcodeText = (input.postcode ?? '').trim();
  const postcode = postcodeText === '' ? '' : normalisePostcode(postcodeText);
  if (postcode === null) errors.add('postcode', POSTCODE_RULE, postcodeFormatMessage('Postcode'));
  errors.throwIfAny();
  return {
    need: (input.need ?? '').trim(),
    words: (input.words ?? '').trim().toLowerCase(),
    age: age === '' ? null : Number(age),
    place: (input.place ?? '').trim().toLowerCase(),
    postcode: postcode ?? '',
  };
}

const matches = (s: AreaService, q: CheckedSearch): boolean => {
  if (q.need !== '' && !s.aimCodes.some((a) => a === q.need || a.startsWith(`${q.need}.`))) return false;
  if (q.words !== '' && !`${s.name} ${s.description} ${s.organisationName ?? ''} ${s.providerName}`.toLowerCase().includes(q.words))
    return false;
  if (q.age !== null && ((s.ageFrom !== null && q.age < s.ageFrom) || (s.ageTo !== null && q.age > s.ageTo))) return false;
  if (
    q.place !== '' &&
    s.districtCode?.toLowerCase() !== q.place &&
    !`${s.districtName ?? ''} ${s.address}`.toLowerCase().includes(q.place)
  )
    return false;
  return true;
};

/** An entry as the public reads it: no sensitive flag, no review state, nothing of the records. */
export const publicEntryOf = (s: AreaService, aimText: Map<string, string>) => ({
  id: s.id,
  name: s.name,
  description: s.description,
  serviceType: s.serviceType,
  serviceTypeName: s.serviceType ? SERVICE_TYPE_NAMES[s.serviceType] : null,
  provider: s.organisationName ?? (s.providerName === '' ? null : s.providerName),
  providerKind: s.providerKind,
  providerKindName: s.providerKind ? PROVIDER_KIND_NAMES[s.providerKind] : null,
  ageFrom: s.ageFrom,
  ageTo: s.ageTo,
  needLevels: s.needLevels,
  needLevelNames: s.needLevels.map((l) => NEED_LEVEL_NAMES[l] ?? l),
  groups: s.groups,
  groupNames: s.groups.map((g) => SERVICE_GROUP_NAMES[g]),
  aims: s.aimCodes.map((code) => ({ code, text: aimText.get(code) ?? code })),
  address: s.address,
  postcode: s.postcode,
  districtCode: s.districtCode,
  districtName: s.districtName,
  openingTimes: s.openingTimes,
  howToRefer: s.howToRefer,
  selfReferral: s.selfReferral,
  contactEmail: s.contactEmail,
  contactPhone: s.contactPhone,
});
export type PublicEntry = ReturnType<typeof publicEntryOf>;

/** The five outcomes and their aims, as the outcomes feature's public face gives them (wired in services.ts, so no import cycle). */
export type OutcomesWithAims = () => Promise<{ code: string; everydayName: string; aims: { code: string; text: string }[] }[]>;

export function publicDirectory({ db, clock, outcomesWithAims }: { db: Db; clock: Clock; outcomesWithAims: OutcomesWithAims }) {
  /**
   * The services nearest the postcode first, those whose place is not known after (by name); all by
   * name when no postcode is searched. A postcode the area has no centroid for is refused, saying so.
   */
  async function byDistance(areaCode: string, areaName: string, postcode: string, services: AreaService[]) {
    if (postcode === '') return services.map((service) => ({ service, miles: null }));
    const refuse = (rule: string, message: string): never => {
      throw validationFailed([{ field: 'postcode', rule, message }]);
    };
    if ((await postcodesHeld(db, areaCode)).count === 0)
      refuse('postcode_data', `Postcodes cannot be searched yet: ${areaName} has not loaded its postcodes. Search by district or town instead`);
    const points = await postcodePoints(db, areaCode, [postcode, ...services.map((s) => s.postcode).filter((p) => p !== '')]);
    const from = points.get(postcode);
    if (!from)
      return refuse(
        'postcode_known',
        `${postcode} is not a postcode this directory knows: it holds the postcodes of ${areaName} and nearby. Check the postcode, or search by district or town`,
      );
    const measured = services.map((service) => {
      const at = points.get(service.postcode);
      return { service, miles: at ? milesBetween(from, at) : null };
    });
    return measured.sort((a, b) => (a.miles ?? Infinity) - (b.miles ?? Infinity));
  }

  return {
    /** What an entry's form offers: the five outcomes with their aims, and the area's districts. */
    async choices(areaCode: string) {
      const [outcomes, districts] = await Promise.all([outcomesWithAims(), listDistricts(db, areaCode)]);
      return { outcomes, districts };
    },

    /** The area's open services (the public never sees a sensitive one; practitioners signposting do) matching the search, by name; the choices a search form offers. */
    async search(areaCode: string, input: DirectorySearch, { withSensitive = false }: { withSensitive?: boolean } = {}) {
      const area = await findArea(db, areaCode);
      if (!area) throw directoryProblems.notFound('There is no area with this code');
      const q = checkSearch(input);
      const [services, outcomes, districts] = await Promise.all([
        listAreaServices(db, areaCode, todayOf(clock)),
        outcomesWithAims(),
        listDistricts(db, areaCode),
      ]);
      const aimText = new Map(outcomes.flatMap((o) => o.aims.map((a) => [a.code, `${o.everydayName}: ${a.text}`] as const)));
      const listed = services.filter((s) => s.active && (withSensitive || !s.sensitive) && matches(s, q));
      const entries = await byDistance(areaCode, area.name, q.postcode, listed);
      return {
        area: { code: area.code, name: area.name },
        search: q,
        entries: entries.map(({ service, miles }) => ({
          ...publicEntryOf(service, aimText),
          distanceMiles: miles === null ? null : Math.round(miles * 10) / 10,
          distanceText: miles === null ? null : milesText(miles),
        })),
        outcomes: outcomes.map((o) => ({ code: o.code, name: o.everydayName, aims: o.aims.map((a) => ({ code: a.code, text: a.text })) })),
        districts,
        needLevels: SERVICE_NEED_LEVELS.values,
      };
    },
  };
}
export type PublicDirectory = ReturnType<typeof publicDirectory>;
