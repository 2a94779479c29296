import { checkedValues, type Form } from '../platform/http/forms.js';
import {
  NEED_LEVEL_NAMES,
  PROVIDER_KIND_NAMES,
  PROVIDER_KINDS,
  SERVICE_GROUP_NAMES,
  SERVICE_GROUPS,
  SERVICE_TYPE_NAMES,
  SERVICE_TYPES,
  type EntryInput,
  SERVICE_NEED_LEVELS,
} from './entry.js';
import type { PublicDirectory } from './public.js';
import type { AreaService } from './types.js';

/** A directory entry on the area administrator's (or provider's) form: its fields and the choices offered (issue 17). */

export interface Ticked {
  needLevels: string[];
  groups: string[];
  aimCodes: string[];
}

export const ENTRY_HREFS = {
  description: 'description',
  serviceType: 'serviceType',
  providerKind: 'providerKind',
  providerName: 'providerName',
  ageFrom: 'ageFrom',
  ageTo: 'ageTo',
  needLevels: 'needLevels',
  groups: 'groups',
  aimCodes: 'aimCodes',
  address: 'address',
  postcode: 'postcode',
  districtCode: 'districtCode',
  openingTimes: 'openingTimes',
  howToRefer: 'howToRefer',
  contactPhone: 'contactPhone',
};

export const entryValuesOf = (s: AreaService): Form => ({
  description: s.description,
  serviceType: s.serviceType ?? '',
  providerKind: s.providerKind ?? '',
  providerName: s.providerName,
  ageFrom: s.ageFrom === null ? '' : String(s.ageFrom),
  ageTo: s.ageTo === null ? '' : String(s.ageTo),
  address: s.address,
  postcode: s.postcode,
  districtCode: s.districtCode ?? '',
  openingTimes: s.openingTimes,
  howToRefer: s.howToRefer,
  selfReferral: s.selfReferral ? 'yes' : '',
  contactPhone: s.contactPhone,
});

export const tickedOf = (s: AreaService | undefined): Ticked => ({
  needLevels: s?.needLevels ?? [],
  groups: s?.groups ?? [],
  aimCodes: s?.aimCodes ?? [],
});
export const tickedFrom = (body: unknown): Ticked => ({
  needLevels: checkedValues(body, 'needLevels'),
  groups: checkedValues(body, 'groups'),
  aimCodes: checkedValues(body, 'aimCodes'),
});

export const entryInputOf = (form: Form, ticked: Ticked): EntryInput => ({
  description: form.description,
  serviceType: form.serviceType,
  providerKind: form.providerKind,
  providerName: form.providerName,
  ageFrom: form.ageFrom,
  ageTo: form.ageTo,
  address: form.address,
  postcode: form.postcode,
  districtCode: form.districtCode,
  openingTimes: form.openingTimes,
  howToRefer: form.howToRefer,
  selfReferral: form.selfReferral === 'yes',
  contactPhone: form.contactPhone,
  ...ticked,
});

/** The items of the entry's selects, radios and checkboxes, what was chosen marked. */
export async function entryChoices(publicDirectory: PublicDirectory, areaCode: string, values: Form, ticked: Ticked) {
  const { outcomes, districts } = await publicDirectory.choices(areaCode);
  return {
    serviceTypes: [
      { value: '', text: 'Not said' },
      ...SERVICE_TYPES.values.map((v) => ({ value: v, text: SERVICE_TYPE_NAMES[v], selected: values.serviceType === v })),
    ],
    providerKinds: PROVIDER_KINDS.values.map((v) => ({ value: v, text: PROVIDER_KIND_NAMES[v], checked: values.providerKind === v })),
    districts: [
      { value: '', text: 'None: the whole area' },
      ...districts.map((d) => ({ value: d.code, text: d.name, selected: values.districtCode === d.code })),
    ],
    needLevels: SERVICE_NEED_LEVELS.values.map((v) => ({
      value: v,
      text: NEED_LEVEL_NAMES[v] ?? v,
      checked: ticked.needLevels.includes(v),
    })),
    groups: SERVICE_GROUPS.values.map((v) => ({ value: v, text: SERVICE_GROUP_NAMES[v], checked: ticked.groups.includes(v) })),
    aimsByOutcome: outcomes.map((o) => ({
      name: o.everydayName,
      items: o.aims.map((a) => ({ value: a.code, text: a.text, checked: ticked.aimCodes.includes(a.code) })),
    })),
  };
}
