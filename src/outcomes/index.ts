import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { dashboardService } from './dashboard.js';
import { importIndicatorValues, type IndicatorImportReport } from './import.js';
import { indicatorAnalysisService } from './indicator-analysis.js';
import { planningService } from './planning.js';
import { outcomesService } from './service.js';

/** The outcomes feature's services, wired to one database (issue 5). */
export function outcomeServices(db: Db) {
  return {
    catalogue: outcomesService({ db }),
    analysis: indicatorAnalysisService({ db }),
    dashboard: dashboardService({ db }),
    planning: planningService({ db }),
    /** An upload from the import page or the API: the text of a CSV file, imported as the user. */
    importCsv: (user: User, csvText: string, importGoodRows: boolean, ctx: RequestContext): Promise<IndicatorImportReport> =>
      importIndicatorValues(db, { csvText, importGoodRows, actor: actorOf(user), context: ctx, fileName: 'upload.csv' }),
  };
}

export type OutcomeServices = ReturnType<typeof outcomeServices>;
