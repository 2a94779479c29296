import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { topicMappingService } from './catalogue/service.js';
import { dashboardService } from './dashboard.js';
import { importJobRunner } from './import-runner.js';
import { importJobService } from './import-service.js';
import { indicatorAnalysisService } from './indicator-analysis.js';
import { planningService } from './planning.js';
import { outcomesService } from './service.js';
import { outcomeApiRoutes } from './api.js';
import { outcomePageRoutes } from './routes.js';
import { outcomeImportPageRoutes } from './routes-import.js';
import { outcomeManagePageRoutes } from './routes-manage.js';
import { outcomeNeedsPageRoutes } from './routes-needs.js';
import { outcomeTopicPageRoutes } from './routes-topics.js';
import { outcomesWaiting } from './waiting.js';
import { outcomeMappingApiRoutes } from './api-mappings.js';
import { mappingService } from './mappings.js';
import { outcomeMappingPageRoutes } from './routes-mappings.js';

/** The outcomes feature's services, wired to one database (issue 5); the clock says what is recent. */
export function outcomeServices(db: Db, clock: Clock = systemClock, { spoolDir }: { spoolDir: string }) {
  const runner = importJobRunner({ db, clock });
  return {
    catalogue: outcomesService({ db }),
    analysis: indicatorAnalysisService({ db }),
    dashboard: dashboardService({ db }),
    planning: planningService({ db }),
    /** Uploads from the import page and the API, imported as background jobs (ADR 0018); a dictionary or a neighbours file too. */
    imports: importJobService({ db, spoolDir, runner, clock }),
    /** Which columns of a publisher's file become which indicators (EES, Fingertips). */
    mappings: mappingService({ db }),
    topics: topicMappingService({ db }),
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
  await app.register(outcomeImportPageRoutes, options);
  await app.register(outcomeNeedsPageRoutes, options);
  await app.register(outcomeTopicPageRoutes, options);
  await app.register(outcomeMappingPageRoutes, { mappings: options.outcomes.mappings });
  await app.register(outcomeMappingApiRoutes, { mappings: options.outcomes.mappings });
  // The import runner runs while the app does (`ctp serve`, tests): started when ready, stopped on close.
  const { runner } = options.outcomes.imports;
  runner.onError = (error) => app.log.error({ err: error }, 'import job failed');
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());
}

// What the CLI and the demo area use: the importer, and the demo's own figures, targets and narratives.
export { indicatorProgressBar, runIndicatorImport } from './import-cli.js';
export { runCatalogueImport } from './catalogue/cli.js';
export { importIndicatorValues } from './import.js';
export { parsePeriod, parsePeriodFor } from './periods.js';
export { listTargets, upsertNarrative, upsertTarget, type Target } from './planning-repository.js';
export { findIndicatorByCode, listIndicatorsForArea, replaceComparators } from './repository.js';
export { addDemoPlaces, type DemoPlace } from './demo-places.js';
export { ENGLAND, type GroupCode, type Indicator, type Observation } from './types.js';
// The accessible SVG chart with its data table and CSV, reused where money is charted (commissioning's resource map).
export { govukTable, lineChart, type Chart, type DataTable } from './charts.js';
export { listOutcomesWithAims, type OutcomeWithAims } from './repository.js';
export { citedOutcomes, type CitedOutcomes, type IndicatorNow, type NeedsNow } from './cited.js';
// An indicator against the area's target for a financial year, read live (the plan's annual review, issue 18 item 7).
export { indicatorsAgainstTargets, periodInYear, TARGET_JUDGEMENT_WORDS, valueInYear, type IndicatorAgainstTarget, type TargetJudgement } from './against-targets.js';
