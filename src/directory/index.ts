/**
 * The directory's public face (issue 14, bug 7): each area's list of services, which records name
 * wherever a service is chosen (an involvement, a team member, an assessor's service, a referral's
 * receiving service), so one service has one name and counts group by it. The area administrator
 * keeps it under Local settings, through the API and with `ctp services`. It will grow into the
 * commissioning directory (issue 17). Owns `area_service`.
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
export { publicDirectory, type PublicDirectory } from './public.js';
export { PROVIDER_KINDS, SERVICE_GROUPS, SERVICE_NEED_LEVELS, SERVICE_TYPES, SERVICE_TYPE_NAMES } from './entry.js';
export { registerDirectoryCommands } from './commands.js';
export { serviceItems } from './items.js';
export { directoryProblems } from './errors.js';
export type { AreaService, ChosenService, ServiceInput } from './types.js';
