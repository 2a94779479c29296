import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { dashboardService } from './dashboard.js';
import { importIndicatorValues, type IndicatorImportReport } from './import.js';
import { indicatorAnalysisService } from './indicator-analysis.js';
import { planningService } from './planning.js';
import { outcomesService } from './service.js';
import { outcomeApiRoutes } from './api.js';
import { outcomePageRoutes } from './routes.js';
import { outcomeManagePageRoutes } from './routes-manage.js';
import { outcomeNeedsPageRoutes } from './routes-needs.js';
import { outcomesWaiting } from './waiting.js';
import { outcomeMappingApiRoutes } from './api-mappings.js';
import { mappingService } from './mappings.js';
import { outcomeMappingPageRoutes } from './routes-mappings.js';

/** The outcomes feature's services, wired to one database (issue 5); the clock says what is recent. */
export function outcomeServices(db: Db, clock: Clock = systemClock) {
  return {
    catalogue: outcomesService({ db }),
    analysis: indicatorAnalysisService({ db }),
    dashboard: dashboardService({ db }),
    planning: planningService({ db }),
    /** Which columns of a publisher's file become which indicators (EES, Fingertips). */
    mappings: mappingService({ db }),
    /** An upload from the import page or the API: the text of a CSV file, imported as the user. */
    importCsv: (user: User, csvText: string, importGoodRows: boolean, ctx: RequestContext): Promise<IndicatorImportReport> =>
      importIndicatorValues(db, { csvText, importGoodRows, actor: actorOf(user), context: ctx, fileName: 'upload.csv' }),
    /** An uploaded file's bytes (CSV, .csv.gz or .xlsx, told by its first bytes), imported as the user. */
    importUpload: (user: User, bytes: Buffer, fileName: string, importGoodRows: boolean, ctx: RequestContext): Promise<IndicatorImportReport> =>
      importIndicatorValues(db, { bytes, importGoodRows, actor: actorOf(user), context: ctx, fileName }),
    /** Outcomes' work waiting for a user, counted (the home page, issue 14). */
    waitingFor: outcomesWaiting({ db, clock }),
  };
}

export type OutcomeServices = ReturnType<typeof outcomeServices>;

/** Every page and API route of outcomes and needs, registered by app.ts as one plugin. */
export async function outcomeRoutes(app: FastifyInstance, options: { outcomes: OutcomeServices }): Promise<void> {
  await app.register(outcomeApiRoutes, options);
  await app.register(outcomePageRoutes, options);
  await app.register(outcomeManagePageRoutes, options);
  await app.register(outcomeNeedsPageRoutes, options);
  await app.register(outcomeMappingPageRoutes, { mappings: options.outcomes.mappings });
  await app.register(outcomeMappingApiRoutes, { mappings: options.outcomes.mappings });
}

// What the CLI and the demo area use: the importer, and the demo's own figures, targets and narratives.
export { runIndicatorImport } from './import-cli.js';
export { importIndicatorValues } from './import.js';
export { parsePeriod } from './periods.js';
export { upsertNarrative, upsertTarget } from './planning-repository.js';
export { findIndicatorByCode, listIndicatorsForArea, replaceComparators } from './repository.js';
export { ENGLAND, type GroupCode, type Indicator } from './types.js';
