import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { importUpload } from './catalogue/upload.js';
import { topicMappingService } from './catalogue/service.js';
import { dashboardService } from './dashboard.js';
import { importIndicatorValues, type IndicatorImportReport } from './import.js';
import { indicatorAnalysisService } from './indicator-analysis.js';
import { planningService } from './planning.js';
import { outcomesService } from './service.js';
import { outcomeApiRoutes } from './api.js';
import { outcomePageRoutes } from './routes.js';
import { outcomeManagePageRoutes } from './routes-manage.js';
import { outcomeNeedsPageRoutes } from './routes-needs.js';
import { outcomeTopicPageRoutes } from './routes-topics.js';
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
    /**
     * An upload from the import page or the API: the text of a CSV file, imported as the user under the
     * file's own name. A data dictionary (found from its header) goes into the catalogue; any other file is values.
     */
    importCsv: (
      user: User,
      csvText: string,
      importGoodRows: boolean,
      ctx: RequestContext,
      fileName: string,
    ): Promise<IndicatorImportReport> => importUpload(db, { csvText, importGoodRows, actor: actorOf(user), context: ctx, fileName }),
    topics: topicMappingService({ db }),
    /** An uploaded file's bytes (CSV, .csv.gz or .xlsx, told by its first bytes: import-input.ts), imported as values. */
    importFile: (user: User, bytes: Buffer, fileName: string, importGoodRows: boolean, ctx: RequestContext): Promise<IndicatorImportReport> =>
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
  await app.register(outcomeTopicPageRoutes, options);
  await app.register(outcomeMappingPageRoutes, { mappings: options.outcomes.mappings });
  await app.register(outcomeMappingApiRoutes, { mappings: options.outcomes.mappings });
}

// What the CLI and the demo area use: the importer, and the demo's own figures, targets and narratives.
export { runIndicatorImport } from './import-cli.js';
export { runCatalogueImport } from './catalogue/cli.js';
export { importIndicatorValues } from './import.js';
export { parsePeriod } from './periods.js';
export { upsertNarrative, upsertTarget } from './planning-repository.js';
export { findIndicatorByCode, listIndicatorsForArea, replaceComparators } from './repository.js';
export { addDemoPlaces, type DemoPlace } from './demo-places.js';
export { ENGLAND, type GroupCode, type Indicator } from './types.js';
