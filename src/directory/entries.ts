import { auditWithClock } from '../platform/audit.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { isUuid } from '../platform/ids.js';
import type { Caller } from '../platform/subject-policy.js';
import type { EntryInput } from './entry.js';
import { directoryProblems } from './errors.js';
import * as repo from './repository.js';
import { checkKeeper, type DirectoryChangeBy, type DirectoryService } from './service.js';
import type { AreaService, ServiceInput } from './types.js';

/**
 * Provider staff keep their own entries up to date (issue 17 item 1; ADR 0026): through the same
 * service and checks as the area administrator, on the entry rule (subject-rules.ts). What a
 * provider keeps is what the public reads of the service: what it offers, for whom, where and when,
 * how to refer and whom to contact. The service's name (which records show), its partner, its
 * sensitivity, its type and kind of provider (which commissioning counts) and closing it stay the
 * area's.
 */

/** The fields a provider's staff keep; the rest of a change they send is ignored. */
export const PROVIDER_FIELDS = [
  'description',
  'ageFrom',
  'ageTo',
  'needLevels',
  'groups',
  'aimCodes',
  'address',
  'postcode',
  'districtCode',
  'openingTimes',
  'howToRefer',
  'selfReferral',
  'contactPhone',
  'contactEmail',
] as const satisfies readonly (keyof EntryInput | 'contactEmail')[];
type ProviderField = (typeof PROVIDER_FIELDS)[number];
export type ProviderEntryInput = Partial<Pick<ServiceInput, ProviderField>>;

/** A service as a change would send it back unchanged. */
const inputOf = (s: AreaService): ServiceInput => ({ ...s, organisationId: s.organisationId });

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function directoryEntries({ db, clock, directory }: { db: Db; clock: Clock; directory: DirectoryService }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The service with this id, wherever it is, refused unless the caller keeps it (another area's too: said plainly). */
  async function kept(by: DirectoryChangeBy & { caller: Caller }, id: string): Promise<{ areaCode: string; service: AreaService }> {
    const areaCode = isUuid(id) ? await repo.findServiceArea(db, id) : undefined;
    if (areaCode === undefined) throw directoryProblems.notFound('The service you asked for does not exist');
    const service = await directory.find(areaCode, id);
    checkKeeper(by, areaCode, service);
    return { areaCode, service };
  }

  return {
    kept,

    /** The caller's organisation's services in their area, open and closed, by name. */
    ours: async (caller: Caller): Promise<AreaService[]> =>
      (await directory.list(caller.areaCode)).filter((s) => s.organisationId === caller.organisationId),

    /** Changes the entry's provider-kept fields (a change is a review); audited with each field before and after. */
    async change(by: DirectoryChangeBy & { caller: Caller }, id: string, input: ProviderEntryInput): Promise<void> {
      const { areaCode, service } = await kept(by, id);
      const sent = Object.fromEntries(PROVIDER_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
      const fields = await directory.checked(areaCode, { ...inputOf(service), ...sent }, id);
      const changed = Object.fromEntries(
        PROVIDER_FIELDS.filter((f) => !same(fields[f], service[f])).map((f) => [f, { before: service[f], after: fields[f] }]),
      );
      await db.transaction(async (tx) => {
        await repo.updateAreaService(tx, areaCode, id, fields, clock.now(), today());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.entry_changed',
          areaCode,
          subject: { type: 'area_service', id },
          details: {
            name: service.name,
            provider: service.organisationName ?? service.providerName,
            onBehalfOfProvider: service.organisationId !== by.caller.organisationId,
            changed,
          },
        });
      });
    },

    /** Confirms the entry is still right as it stands. */
    async reviewed(by: DirectoryChangeBy & { caller: Caller }, id: string): Promise<string> {
      const { areaCode } = await kept(by, id);
      return directory.reviewed(by, areaCode, id);
    },
  };
}
export type DirectoryEntries = ReturnType<typeof directoryEntries>;
