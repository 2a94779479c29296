/**
 * The directory's public face (issue 14, bug 7): each area's list of services, which records name
 * wherever a service is chosen (an involvement, a team member, an assessor's service, a referral's
 * receiving service), so one service has one name and counts group by it. The area administrator
 * keeps it under Local settings, through the API and with `ctp services`; provider staff keep their own
 * organisation's entries (entries.ts, subject-rules.ts); the public searches it by need, age, place and
 * distance from a postcode (public.ts, postcodes/). Owns `area_service`, `area_service_aim`, `area_postcode`.
 */
export {
  chooseService,
  chooseServiceInto,
  directoryService,
  openServiceNamed,
  type DirectoryChangeBy,
  type DirectoryService,
} from './service.js';
export { directoryRoutes } from './routes.js';
export { directoryEntries, type DirectoryEntries } from './entries.js';
export { postcodeService, type PostcodeService, type PostcodeLoadReport } from './postcodes/service.js';
export { entryRules } from './subject-rules.js';
export { publicDirectory, type PublicDirectory } from './public.js';
export { PROVIDER_KINDS, SERVICE_GROUPS, SERVICE_NEED_LEVELS, SERVICE_TYPES, SERVICE_TYPE_NAMES } from './entry.js';
export { registerDirectoryCommands, registerPostcodeImport } from './commands.js';
export { serviceItems } from './items.js';
export { directoryProblems } from './errors.js';
export type { AreaService, ChosenService, ServiceInput } from './types.js';
