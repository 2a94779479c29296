import { ROLES } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

const ALL = ROLES.values;

/** The matrix's rows for outcomes and the needs assessment (issue 5). */
export const OUTCOMES_ROWS: Record<string, Expectation> = {
  // Outcomes and needs assessment (issue 5): published figures anyone in the area reads;
  // importing for planners and area administrators; the rest is the planner's.
  'GET /outcomes': { roles: ALL },
  'GET /outcomes/indicators': { roles: ALL },
  'GET /outcomes/indicators/:indicatorCode': { roles: ALL },
  'GET /outcomes/indicators/:indicatorCode/charts/:chart/:format': { roles: ALL },
  'POST /outcomes/indicators/:indicatorCode/targets': { roles: ['planner'] },
  'GET /outcomes/indicators/new': { roles: ['planner'] },
  'POST /outcomes/indicators/new': { roles: ['planner'] },
  'GET /outcomes/dashboard': { roles: ALL },
  // A DfE statistical neighbours file through the import entry also needs outcomes.neighbours (every
  // authority's default comparator group; the same roles, checked in the job: ADR 0019,
  // test/outcomes/neighbours-policy.test.ts).
  'GET /outcomes/import': { roles: ['planner', 'area_admin'] },
  'POST /outcomes/import': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/import/template.csv': { roles: ['planner', 'area_admin'] },
  // An import job's page: the importer's own (another's is not found).
  'GET /outcomes/imports/:jobId': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/import/mappings': { roles: ['planner', 'area_admin'] },
  'POST /outcomes/import/mappings': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/import/mappings/new': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/import/mappings/:mappingId': { roles: ['planner', 'area_admin'] },
  'POST /outcomes/import/mappings/:mappingId': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/comparators': { roles: ALL },
  'POST /outcomes/comparators': { roles: ['planner'] },
  'GET /outcomes/topics': { roles: ALL },
  'POST /outcomes/topics': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/needs': { roles: ALL },
  'GET /outcomes/needs/levels': { roles: ['planner'] },
  'POST /outcomes/needs/levels': { roles: ['planner'] },
  'GET /outcomes/needs/:outcomeCode': { roles: ALL },
  'POST /outcomes/needs/:outcomeCode': { roles: ['planner'] },
  'GET /api/outcomes': { roles: ALL },
  'GET /api/outcomes/indicators': { roles: ALL },
  'GET /api/outcomes/topics': { roles: ALL },
  'PUT /api/outcomes/topics': { roles: ['planner', 'area_admin'] },
  'GET /api/outcomes/indicators/:indicatorCode': { roles: ALL },
  'GET /api/outcomes/dashboard': { roles: ALL },
  'POST /api/outcomes/imports': { roles: ['planner', 'area_admin'] },
  'GET /api/outcomes/imports/:jobId': { roles: ['planner', 'area_admin'] },
  'GET /api/outcomes/import-mappings': { roles: ['planner', 'area_admin'] },
  'PUT /api/outcomes/import-mappings/:source/:slug': { roles: ['planner', 'area_admin'] },
  'GET /api/outcomes/comparators': { roles: ALL },
  'PUT /api/outcomes/comparators': { roles: ['planner'] },
  'POST /api/outcomes/indicators': { roles: ['planner'] },
  'POST /api/outcomes/indicators/:indicatorCode/targets': { roles: ['planner'] },
  'PUT /api/outcomes/needs/:outcomeCode/narrative': { roles: ['planner'] },
  'GET /api/outcomes/needs': { roles: ALL },
  'PUT /api/outcomes/needs/levels': { roles: ['planner'] },
};
